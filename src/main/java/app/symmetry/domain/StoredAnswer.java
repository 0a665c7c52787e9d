package app.symmetry.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * An answer as it is kept. An employee answer carries its day and nothing finer, no language and
 * no id shared with any other item: {@code key} is random for them. No answer keeps a customer's
 * e-mail address: a follow-up does ({@link FollowUp}), for as long as it needs it.
 *
 * @param key the answer's id within its unit and day: the submission id for customers, whose sort
 *        key puts the time received in front of it ({@code SymmetryTable.customerAnswerSortKey})
 */
public record StoredAnswer(
        Side side,
        String unitId,
        LocalDate day,
        String key,
        int recommend,
        Map<String, Integer> ratings,
        Optional<String> comment,
        Optional<String> language,
        Optional<Instant> receivedAt,
        Instant expiresAt) {

    public StoredAnswer {
        ratings = Map.copyOf(ratings);
        if (side == Side.EMPLOYEE && (language.isPresent() || receivedAt.isPresent())) {
            throw new IllegalArgumentException("an employee answer keeps its day and content only");
        }
    }
}
