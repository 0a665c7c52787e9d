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
        return isRevoked(SymmetryTable.revokedCode(codeId), now);
    }

    /** Whether a batch of links ({@code issueLinks}' {@code batchId}) was withdrawn, with the same cache. */
    public boolean isBatchRevoked(String batchId, Instant now) {
        return isRevoked(SymmetryTable.revokedBatch(batchId), now);
    }

    private boolean isRevoked(Map<String, AttributeValue> key, Instant now) {
        String cacheKey = key.get(SymmetryTable.PK).s();
        Cached cached = cache.get(cacheKey);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.revoked();
        }
        boolean revoked = StorageOperation.READ.call(
                () -> dynamo.getItem(b -> b.tableName(table.name()).key(key)).hasItem());
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(cacheKey, new Cached(revoked, now.plus(cacheFor)));
        return revoked;
    }

    /**
     * Withdraws every link of a batch. Kept until the batch's last link would have expired anyway
     * ({@code until}), then DynamoDB's TTL removes the record.
     */
    public void revokeBatch(String batchId, Instant at, Instant until) {
        Map<String, AttributeValue> key = SymmetryTable.revokedBatch(batchId);
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("revokedAt", AttributeValue.fromS(at.toString()));
        item.put(SymmetryTable.TTL, AttributeValue.fromN(String.valueOf(until.getEpochSecond())));
        StorageOperation.REVOCATION.run(
                () -> dynamo.putItem(b -> b.tableName(table.name()).item(item)));
        cache.put(key.get(SymmetryTable.PK).s(), new Cached(true, Instant.MAX));
    }

    public void revoke(String codeId, String unitId, Instant at) {
        Map<String, AttributeValue> key = SymmetryTable.revokedCode(codeId);
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("unitId", AttributeValue.fromS(unitId));
        item.put("revokedAt", AttributeValue.fromS(at.toString()));
        StorageOperation.REVOCATION.run(
                () -> dynamo.putItem(b -> b.tableName(table.name()).item(item)));
        cache.put(key.get(SymmetryTable.PK).s(), new Cached(true, Instant.MAX));
    }
}
