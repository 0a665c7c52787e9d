package app.symmetry.link;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The receipt of a revocation. */
@RegisterForReflection
public record RevokedCode(String codeId, String unitId, boolean revoked) {}
