package app.symmetry.function.request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import app.symmetry.answer.Contact;
import app.symmetry.answer.Submission;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.token.Audience;
import app.symmetry.token.TokenCodec;

/** Reads the body of {@code submitFeedback} and {@code submitPulse} into a {@link Submission}. */
public final class AnswerRequests {

    public static final int MAX_COMMENT = 2000;
    public static final Set<String> LANGUAGES = Set.of("fr", "en");
    /**
     * The members {@code submitFeedback} accepts; {@code submitPulse} takes the same but {@code contact}, and
     * refuses a {@code comment} with words in it ({@link #NO_EMPLOYEE_COMMENT}).
     */
    public static final List<String> CUSTOMER_FIELDS =
            List.of("submissionId", "token", "language", "recommend", "ratings", "comment", "contact", "website");

    public static final List<String> PULSE_FIELDS =
            CUSTOMER_FIELDS.stream().filter(f -> !f.equals("contact")).toList();
    public static final List<String> CONTACT_FIELDS = List.of("email", "consent");
    /**
     * Employees' words are not stored at all (README, "Employees' comments"): a sentence is a signature
     * a manager can recognise, whatever the group's size. The member stays in the pulse's fields so that
     * a form sending it is told why, rather than that the member is unknown.
     */
    public static final String NO_EMPLOYEE_COMMENT = "pulse answers carry no free text, so that nobody can recognise"
            + " who wrote them: send the answer without comment";

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,253}\\.[^@\\s.]{2,63}$");

    private AnswerRequests() {}

    /**
     * Reads a request body; {@code pulse} answers take no contact. {@code website} is the honeypot:
     * people never see it, so anything in it was typed by a robot.
     */
    public static Submission submission(Map<String, ?> body, Audience audience, Set<String> dimensionIds) {
        InputFields in = InputFields.of(
                body, (audience == Audience.CUSTOMER ? CUSTOMER_FIELDS : PULSE_FIELDS).toArray(String[]::new));
        UUID submissionId = in.requiredUuid("submissionId");
        String token = in.requiredString("token", TokenCodec.MAX_TOKEN_LENGTH);
        Optional<String> language = in.optionalChoice("language", LANGUAGES);
        int recommend = in.requiredInt("recommend", 0, 10);
        Map<String, Integer> ratings = new LinkedHashMap<>();
        in.optionalObject("ratings", dimensionIds.toArray(String[]::new)).ifPresent(r -> {
            for (String dimension : dimensionIds) {
                r.optionalInt(dimension, 1, 5).ifPresent(v -> ratings.put(dimension, v));
            }
        });
        Optional<String> comment =
                in.optionalString("comment", MAX_COMMENT).map(String::strip).filter(c -> !c.isEmpty());
        if (audience == Audience.PULSE && comment.isPresent()) {
            throw new SymmetryException(ErrorCode.COMMENT_NOT_ACCEPTED, "comment", NO_EMPLOYEE_COMMENT);
        }
        Optional<Contact> contact = in.optionalObject("contact", CONTACT_FIELDS.toArray(String[]::new))
                .map(AnswerRequests::contact);
        Optional<String> website = in.optionalString("website", 2000);
        if (website.isPresent() && !website.get().isEmpty()) {
            throw new SymmetryException(ErrorCode.INVALID_FIELD, "website", "website must be empty");
        }
        return new Submission(submissionId, token, language, recommend, ratings, comment, contact);
    }

    private static Contact contact(InputFields c) {
        boolean consent = c.optionalBoolean("consent").orElse(false);
        Optional<String> email =
                c.optionalString("email", 320).map(String::strip).filter(e -> !e.isEmpty());
        if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
            throw c.invalid("email", "contact.email must be an e-mail address");
        }
        if (consent && email.isEmpty()) {
            throw c.missing("email");
        }
        return new Contact(email.orElse(null), consent);
    }
}
