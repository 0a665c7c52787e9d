package app.symmetry.storage;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The audit log: {@code AUDIT#yyyy-MM} / {@code time#random}, one item per act (a key made or revoked,
 * credentials issued, a code revoked, a recompute), written by the service that did it before it answers,
 * and never updated or deleted by any function: only its TTL ({@value SymmetryTable#TTL}) removes it, after
 * the retention. A month is one partition, read newest first with one Query.
 */
@ApplicationScoped
public class AuditStore {

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;

    public AuditStore(Dynamo dynamo, SymmetryTable table) {
        this.dynamo = dynamo.client();
        this.table = table;
    }

    /** One act as stored; {@code subject} names what it was done to, {@code detail} says how. */
    public record StoredAuditEntry(
            Instant at, String id, String action, String actor, String subject, int count, String detail) {}

    public record Page(List<StoredAuditEntry> items, Optional<String> cursor) {}

    /** Appends an entry; an id already taken (random) is a failure, never an overwrite. */
    public void append(StoredAuditEntry entry, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(SymmetryTable.auditEntry(entry.at(), entry.id()));
        item.put("action", AttributeValue.fromS(entry.action()));
        item.put("actor", AttributeValue.fromS(entry.actor()));
        item.put("subject", AttributeValue.fromS(entry.subject()));
        item.put("count", SymmetryTable.n(entry.count()));
        item.put("detail", AttributeValue.fromS(entry.detail()));
        item.put(SymmetryTable.TTL, SymmetryTable.n(expiresAt.getEpochSecond()));
        StorageOperation.AUDIT_WRITE.run(() -> dynamo.putItem(
                b -> b.tableName(table.name()).item(item).conditionExpression("attribute_not_exists(pk)")));
    }

    /** A month's entries, newest first, {@code limit} at a time; the cursor is the last entry's sort key. */
    public Page list(YearMonth month, int limit, Optional<String> after) {
        String partition = SymmetryTable.auditPartition(month);
        return StorageOperation.READ.call(() -> {
            QueryResponse response = dynamo.query(b -> {
                b.tableName(table.name())
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition)))
                        .scanIndexForward(false)
                        .consistentRead(true)
                        .limit(limit);
                after.ifPresent(sk -> b.exclusiveStartKey(SymmetryTable.key(partition, sk)));
            });
            List<StoredAuditEntry> items = new ArrayList<>();
            for (Map<String, AttributeValue> i : response.items()) {
                String sk = i.get(SymmetryTable.SK).s();
                int hash = sk.lastIndexOf('#');
                items.add(new StoredAuditEntry(
                        Instant.parse(sk.substring(0, hash)),
                        sk.substring(hash + 1),
                        i.get("action").s(),
                        i.get("actor").s(),
                        i.get("subject").s(),
                        Integer.parseInt(i.get("count").n()),
                        i.get("detail").s()));
            }
            Optional<String> cursor = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? Optional.of(
                            response.lastEvaluatedKey().get(SymmetryTable.SK).s())
                    : Optional.empty();
            return new Page(items, cursor);
        });
    }

    /** The month an instant's entry is filed under (UTC). */
    public static YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC));
    }
}
