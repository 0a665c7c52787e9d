package app.symmetry.access;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record RevokedApiKey(String keyId, boolean revoked) {}
