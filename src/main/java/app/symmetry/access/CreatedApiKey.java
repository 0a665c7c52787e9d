package app.symmetry.access;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A new key: the only time its secret ({@code apiKey}) is ever shown. */
@RegisterForReflection
public record CreatedApiKey(
        String keyId,
        String apiKey,
        String role,
        List<String> units,
        List<String> regions,
        String label,
        String createdBy,
        String createdAt) {}
