package app.symmetry.invitation;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What {@code sendInvitations} answers: the batch to read back with {@code getInvitationBatch}; no link, no token. */
@RegisterForReflection
public record QueuedInvitations(
        String batchId, String unitId, String kind, String language, int queued, String linksExpireAt) {}
