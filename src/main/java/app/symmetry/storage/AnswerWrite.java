package app.symmetry.storage;

import java.time.Instant;
import java.util.Optional;

import app.symmetry.domain.StoredAnswer;

/**
 * An answer and the records that must be written with it, all or nothing.
 *
 * @param submissionKey the idempotency key; {@code submissionExpiry} is rounded to a day for
 *        employee answers, so even its expiry tells no time
 * @param spentLink a single-use link to mark spent, with the link's own expiry
 * @param deviceQuota a per-device daily count to raise, refused past its cap
 * @param campaignId the pulse campaign whose accepted count to raise, refused past its headcount
 */
public record AnswerWrite(
        StoredAnswer answer,
        String submissionKey,
        Instant submissionExpiry,
        Optional<SpentLink> spentLink,
        Optional<DeviceQuota> deviceQuota,
        Optional<String> campaignId) {

    public AnswerWrite(
            StoredAnswer answer,
            String submissionKey,
            Instant submissionExpiry,
            Optional<SpentLink> spentLink,
            Optional<DeviceQuota> deviceQuota) {
        this(answer, submissionKey, submissionExpiry, spentLink, deviceQuota, Optional.empty());
    }

    public record SpentLink(String linkId, Instant expiresAt) {}

    public record DeviceQuota(String deviceKey, int cap, Instant expiresAt) {}

    public enum Outcome {
        ACCEPTED,
        DUPLICATE,
        LINK_SPENT,
        RATE_LIMITED,
        CAMPAIGN_FULL
    }
}
