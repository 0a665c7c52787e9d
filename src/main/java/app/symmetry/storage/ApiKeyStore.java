package app.symmetry.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * API keys: {@code APIKEY#keyId} / {@code -}, holding the SHA-256 of the secret (never the secret),
 * the role, the scope, who created it and when, and when it was revoked. The {@code byPeriod} index
 * ({@code gpk} = {@value #SymmetryTable.API_KEYS}, {@code gsk} = creation time and id) lists them without a scan.
 * <p>
 * Read on every protected call, not cached: a revoked key is refused by the next call.
 */
@ApplicationScoped
public class ApiKeyStore {

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;

    public ApiKeyStore(Dynamo dynamo, SymmetryTable table) {
        this.dynamo = dynamo.client();
        this.table = table;
    }

    /** One key as stored. {@code units} and {@code regions} empty: no restriction. */
    public record StoredApiKey(
            String keyId,
            byte[] secretHash,
            String role,
            List<String> units,
            List<String> regions,
            String label,
            String createdBy,
            Instant createdAt,
            Optional<Instant> revokedAt,
            Optional<String> revokedBy) {

        public boolean revoked() {
            return revokedAt.isPresent();
        }
    }

    public record Page(List<StoredApiKey> items, Optional<String> cursor) {}

    /** Writes a new key; a key id already taken (a 96-bit random id) is a failure, never an overwrite. */
    public void create(StoredApiKey key) {
        Map<String, AttributeValue> item = new HashMap<>(SymmetryTable.apiKey(key.keyId()));
        item.put(SymmetryTable.GPK, AttributeValue.fromS(SymmetryTable.API_KEYS));
        item.put(SymmetryTable.GSK, AttributeValue.fromS(key.createdAt() + "#" + key.keyId()));
        item.put("secretHash", AttributeValue.fromB(SdkBytes.fromByteArray(key.secretHash())));
        item.put("role", AttributeValue.fromS(key.role()));
        item.put("units", list(key.units()));
        item.put("regions", list(key.regions()));
        item.put("label", AttributeValue.fromS(key.label()));
        item.put("createdBy", AttributeValue.fromS(key.createdBy()));
        item.put("createdAt", AttributeValue.fromS(key.createdAt().toString()));
        StorageOperation.KEY_WRITE.run(() -> dynamo.putItem(
                b -> b.tableName(table.name()).item(item).conditionExpression("attribute_not_exists(pk)")));
    }

    public Optional<StoredApiKey> find(String keyId) {
        return StorageOperation.READ.call(() -> {
            var response = dynamo.getItem(b ->
                    b.tableName(table.name()).key(SymmetryTable.apiKey(keyId)).consistentRead(true));
            return response.hasItem() ? Optional.of(read(response.item())) : Optional.<StoredApiKey>empty();
        });
    }

    /** Marks a key revoked; {@code false} when there is no such key. Revoking twice keeps the first time. */
    public boolean revoke(String keyId, String by, Instant at) {
        return StorageOperation.KEY_WRITE.call(() -> {
            try {
                dynamo.updateItem(b -> b.tableName(table.name())
                        .key(SymmetryTable.apiKey(keyId))
                        .conditionExpression("attribute_exists(pk)")
                        .updateExpression(
                                "SET revokedAt = if_not_exists(revokedAt, :at), revokedBy = if_not_exists(revokedBy, :by)")
                        .expressionAttributeValues(
                                Map.of(":at", AttributeValue.fromS(at.toString()), ":by", AttributeValue.fromS(by))));
                return true;
            } catch (ConditionalCheckFailedException absent) {
                return false;
            }
        });
    }

    /** Keys in the order they were created, {@code limit} at a time; the cursor is the last key's listing position. */
    public Page list(int limit, Optional<String> after) {
        return StorageOperation.READ.call(() -> {
            QueryResponse response = dynamo.query(b -> {
                b.tableName(table.name())
                        .indexName(SymmetryTable.BY_PERIOD)
                        .keyConditionExpression("gpk = :g")
                        .expressionAttributeValues(Map.of(":g", AttributeValue.fromS(SymmetryTable.API_KEYS)))
                        .limit(limit);
                after.ifPresent(position -> b.exclusiveStartKey(Map.of(
                        SymmetryTable.GPK,
                        AttributeValue.fromS(SymmetryTable.API_KEYS),
                        SymmetryTable.GSK,
                        AttributeValue.fromS(position),
                        SymmetryTable.PK,
                        SymmetryTable.apiKey(position.substring(position.indexOf('#') + 1))
                                .get(SymmetryTable.PK),
                        SymmetryTable.SK,
                        SymmetryTable.apiKey(position.substring(position.indexOf('#') + 1))
                                .get(SymmetryTable.SK))));
            });
            List<StoredApiKey> items = new ArrayList<>();
            response.items().forEach(i -> items.add(read(i)));
            Optional<String> cursor = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? Optional.of(
                            response.lastEvaluatedKey().get(SymmetryTable.GSK).s())
                    : Optional.empty();
            return new Page(items, cursor);
        });
    }

    private static StoredApiKey read(Map<String, AttributeValue> item) {
        return new StoredApiKey(
                SymmetryTable.keyIdOf(item),
                item.get("secretHash").b().asByteArray(),
                item.get("role").s(),
                strings(item.get("units")),
                strings(item.get("regions")),
                item.containsKey("label") ? item.get("label").s() : "",
                item.get("createdBy").s(),
                Instant.parse(item.get("createdAt").s()),
                Optional.ofNullable(item.get("revokedAt")).map(v -> Instant.parse(v.s())),
                Optional.ofNullable(item.get("revokedBy")).map(AttributeValue::s));
    }

    private static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    private static List<String> strings(AttributeValue value) {
        return value == null || !value.hasL()
                ? List.of()
                : value.l().stream().map(AttributeValue::s).toList();
    }
}
