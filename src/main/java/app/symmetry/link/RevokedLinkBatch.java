package app.symmetry.link;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The receipt of a batch's revocation: every link of that {@code issueLinks} call is withdrawn. */
@RegisterForReflection
public record RevokedLinkBatch(String batchId, boolean revoked) {}
