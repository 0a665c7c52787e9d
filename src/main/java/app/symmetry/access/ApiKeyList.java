package app.symmetry.access;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The keys, without their secrets (which are not kept), revoked ones included. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyList(List<Key> items, String cursor) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Key(
            String keyId,
            String role,
            List<String> units,
            List<String> regions,
            String label,
            String createdBy,
            String createdAt,
            String revokedAt,
            String revokedBy) {}
}
