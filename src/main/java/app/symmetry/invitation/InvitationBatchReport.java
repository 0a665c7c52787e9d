package app.symmetry.invitation;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A batch as {@code getInvitationBatch} reads it: how many addresses are waiting, sent, failed or
 * skipped, and for each one not sent its place in the request ({@code emails[index]}), the address
 * masked, and why. No address and no link is stored, so none can be shown.
 */
@RegisterForReflection
public record InvitationBatchReport(
        String batchId,
        String unitId,
        String kind,
        String language,
        String createdAt,
        String linksExpireAt,
        int total,
        int pending,
        int sent,
        int failed,
        int skipped,
        List<NotSent> notSent) {

    /**
     * @param state  {@code failed} (SES refused it, or gave up after retries), {@code skipped} (already
     *               invited to this campaign), or {@code pending} with the reason of its last attempt
     * @param reason a stable code: {@code already_invited}, {@code rejected}, {@code throttled},
     *               {@code service_unavailable}, {@code unreachable}, {@code sending_not_allowed},
     *               {@code not_configured}, {@code unknown_outcome}, {@code links_expired}
     */
    @RegisterForReflection
    public record NotSent(int index, String address, String state, String reason) {}
}
