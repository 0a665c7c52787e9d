package app.symmetry.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A customer who gave 0 to 6 and asked to be contacted: the unit's to call back. Its id is the
 * answer's submission id. The customer's address is kept here and nowhere else, until the
 * follow-up is closed, erased on request or {@link #CONTACT_KEPT} old, whichever comes first.
 *
 * @param notified whether the unit's contact address was sent its e-mail
 */
public record FollowUp(
        String id,
        String unitId,
        String region,
        Instant receivedAt,
        int recommend,
        Optional<String> comment,
        Optional<String> language,
        FollowUpStatus status,
        Optional<String> note,
        Optional<Instant> updatedAt,
        Optional<String> contactEmail,
        boolean notified) {

    /** How long a customer's address is kept at most, closed or not. */
    public static final Duration CONTACT_KEPT = Duration.ofDays(30);

    /** Detractors: the customers a follow-up is for. */
    public static final int HIGHEST_DETRACTOR_SCORE = 6;

    public static boolean isFor(int recommend) {
        return recommend <= HIGHEST_DETRACTOR_SCORE;
    }
}
