package app.symmetry.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;


import app.symmetry.SymmetryConfig;
import app.symmetry.error.SymmetryException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Revoked unit codes. A code on a poster is checked on every answer, so the answer to "is it
 * revoked" is kept in memory for a short while: a warm function reads each code at most once per
 * {@code symmetry.token.revocation-cache}, and a revocation takes effect within that delay.
 */
@ApplicationScoped
public class RevokedCodeStore {

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;
    private final Duration cacheFor;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(boolean revoked, Instant until) {
    }

    public RevokedCodeStore(Dynamo dynamo, SymmetryTable table, SymmetryConfig config) {
        this.dynamo = dynamo.client();
        this.table = table;
        this.cacheFor = config.revocationCache();
    }

    public boolean isRevoked(String codeId, Instant now) {
        Cached cached = cache.get(codeId);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.revoked();
        }
        try {
            boolean revoked = dynamo.getItem(b -> b.tableName(table.name()).key(key(codeId))).hasItem();
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(codeId, new Cached(revoked, now.plus(cacheFor)));
            return revoked;
        } catch (SdkException e) {
            throw SymmetryException.storageUnavailable(e);
        }
    }

    public void revoke(String codeId, String unitId, Instant at) {
        try {
            Map<String, AttributeValue> item = new java.util.HashMap<>(key(codeId));
            item.put("unitId", AttributeValue.fromS(unitId));
            item.put("revokedAt", AttributeValue.fromS(at.toString()));
            dynamo.putItem(b -> b.tableName(table.name()).item(item));
            cache.put(codeId, new Cached(true, Instant.MAX));
        } catch (SdkException e) {
            throw SymmetryException.storageUnavailable(e);
        }
    }

    private static Map<String, AttributeValue> key(String codeId) {
        return Map.of(SymmetryTable.PK, AttributeValue.fromS("REVOKED#" + codeId), SymmetryTable.SK, AttributeValue.fromS("-"));
    }
}
