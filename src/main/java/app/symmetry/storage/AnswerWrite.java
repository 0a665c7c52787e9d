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
 * @param followUp a detractor who asked to be contacted: the unit's follow-up, written with the answer
 */
public record AnswerWrite(
        StoredAnswer answer,
        String submissionKey,
        Instant submissionExpiry,
        Optional<SpentLink> spentLink,
        Optional<DeviceQuota> deviceQuota,
        Optional<String> campaignId,
        Optional<NewFollowUp> followUp) {

    public AnswerWrite(
            StoredAnswer answer,
            String submissionKey,
            Instant submissionExpiry,
            Optional<SpentLink> spentLink,
            Optional<DeviceQuota> deviceQuota,
            Optional<String> campaignId) {
        this(answer, submissionKey, submissionExpiry, spentLink, deviceQuota, campaignId, Optional.empty());
    }

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

    /**
     * @param region the unit's region, by which follow-ups are listed
     * @param contactEmail the customer's address, kept apart from the answer until {@code contactExpiresAt}
     * @param emailUnit whether the unit has a contact address to be sent an e-mail
     */
    public record NewFollowUp(String region, String contactEmail, Instant contactExpiresAt, boolean emailUnit) {}

    public enum Outcome {
        ACCEPTED,
        DUPLICATE,
        LINK_SPENT,
        RATE_LIMITED,
        CAMPAIGN_FULL
    }
}
