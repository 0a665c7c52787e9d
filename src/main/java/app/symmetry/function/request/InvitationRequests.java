package app.symmetry.function.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.invitation.InvitationRequest;
import app.symmetry.invitation.InvitationService;
import app.symmetry.invitation.InvitationService.Address;
import app.symmetry.invitation.InvitationService.Delivery;
import app.symmetry.token.Audience;

/**
 * Reads the invitation functions' requests. An address is checked as browsers check an
 * {@code type=email} field (WHATWG), at most 254 characters; a refusal names its place
 * ({@code emails[3]}), never the address itself, since errors may be logged.
 */
public final class InvitationRequests {

    public static final List<String> SEND_FIELDS =
            List.of("unitId", "kind", "campaignId", "language", "expiresInDays", "emails");
    public static final List<String> BATCH_FIELDS = List.of("batchId");
    public static final List<String> DELIVERY_FIELDS = List.of("batchId", "recipients");
    private static final Set<String> KINDS = Set.of("customer", "pulse");
    private static final Set<String> LANGUAGES = Set.of("fr", "en");
    private static final Pattern EMAIL =
            Pattern.compile("^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$");

    private InvitationRequests() {}

    public static InvitationRequest sendInvitations(Map<String, ?> request) {
        InputFields in = InputFields.of(request, SEND_FIELDS.toArray(String[]::new));
        String unitId = in.requiredString("unitId", 128);
        String kind = in.requiredChoice("kind", KINDS);
        Audience audience = "pulse".equals(kind) ? Audience.PULSE : Audience.CUSTOMER;
        Optional<String> campaignId = in.optionalString("campaignId", 16);
        if (audience == Audience.PULSE && campaignId.isEmpty()) {
            throw in.missing("campaignId");
        }
        if (audience == Audience.CUSTOMER && campaignId.isPresent()) {
            throw in.invalid("campaignId", "customer invitations belong to no campaign");
        }
        Optional<String> language = in.optionalChoice("language", LANGUAGES);
        int days = in.optionalInt("expiresInDays", 1, 366).orElse(30);
        return new InvitationRequest(unitId, audience, language, days, campaignId, emails(in));
    }

    private static List<String> emails(InputFields in) {
        Object value = in.raw("emails");
        if (value == null) {
            throw in.missing("emails");
        }
        if (!(value instanceof List<?> list)) {
            throw in.invalid("emails", "emails must be a list of e-mail addresses");
        }
        if (list.isEmpty()) {
            throw in.invalid("emails", "emails must hold at least one address");
        }
        if (list.size() > InvitationService.MAX_ADDRESSES) {
            throw new SymmetryException(
                    ErrorCode.TOO_LARGE,
                    "emails",
                    "at most " + InvitationService.MAX_ADDRESSES + " addresses a call; send the rest in another");
        }
        List<String> emails = new ArrayList<>(list.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "emails[" + i + "]";
            if (!(list.get(i) instanceof String raw)) {
                throw new SymmetryException(ErrorCode.INVALID_FIELD, field, field + " must be a string");
            }
            String email = raw.trim();
            if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
                throw new SymmetryException(ErrorCode.INVALID_FIELD, field, field + " is not an e-mail address");
            }
            Integer earlier = seen.putIfAbsent(email.toLowerCase(Locale.ROOT), i);
            if (earlier != null) {
                throw new SymmetryException(
                        ErrorCode.INVALID_FIELD, field, field + " is the same address as emails[" + earlier + "]");
            }
            emails.add(email);
        }
        return List.copyOf(emails);
    }

    /** {@code getInvitationBatch}: a query parameter or a JSON member. */
    public static String batchId(Map<String, ?> request) {
        return InputFields.ofQuery(request, BATCH_FIELDS.toArray(String[]::new)).requiredString("batchId", 64);
    }

    /** A queue message of the sender function, as {@link InvitationService} wrote it. */
    public static Delivery delivery(Map<String, ?> message) {
        InputFields in = InputFields.of(message, DELIVERY_FIELDS.toArray(String[]::new));
        String batchId = in.requiredString("batchId", 64);
        Object value = in.raw("recipients");
        if (!(value instanceof List<?> list) || list.size() > 100) {
            throw in.invalid("recipients", "recipients must be a list");
        }
        List<Address> addresses = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)
                    || !(map.get("index") instanceof Number index)
                    || !(map.get("email") instanceof String email)) {
                throw in.invalid("recipients", "each recipient has an index and an email");
            }
            addresses.add(new Address(index.intValue(), email));
        }
        return new Delivery(batchId, addresses);
    }
}
