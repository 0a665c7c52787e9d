package app.symmetry.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.SymmetryConfig;

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

    private record Cached(boolean revoked, Instant until) {}

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
        boolean revoked = StorageOperation.READ.call(
                () -> dynamo.getItem(b -> b.tableName(table.name()).key(SymmetryTable.revokedCode(codeId)))
                        .hasItem());
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(codeId, new Cached(revoked, now.plus(cacheFor)));
        return revoked;
    }

    public void revoke(String codeId, String unitId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(SymmetryTable.revokedCode(codeId));
        item.put("unitId", AttributeValue.fromS(unitId));
        item.put("revokedAt", AttributeValue.fromS(at.toString()));
        StorageOperation.REVOCATION.run(
                () -> dynamo.putItem(b -> b.tableName(table.name()).item(item)));
        cache.put(codeId, new Cached(true, Instant.MAX));
    }
}
