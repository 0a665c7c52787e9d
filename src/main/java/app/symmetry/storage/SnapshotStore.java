package app.symmetry.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.symmetry.domain.Period;
import app.symmetry.domain.PeriodType;
import app.symmetry.domain.PageCursor;
import app.symmetry.domain.Snapshot;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Where snapshots are kept and read: {@code SNAPSHOT#scope#id#TYPE} / period label, newest last; the
 * {@code byPeriod} index lists every unit (or region) of one period.
 */
@ApplicationScoped
public class SnapshotStore {

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;
    private final DerivedItemWriter writer;
    private final SnapshotItem items;

    public SnapshotStore(Dynamo dynamo, SymmetryTable table, DerivedItemWriter writer, ObjectMapper json) {
        this.dynamo = dynamo.client();
        this.table = table;
        this.writer = writer;
        this.items = new SnapshotItem(json);
    }

    /** A page of items and the opaque cursor to continue from, if any. */
    public record Page(List<Snapshot> items, Optional<String> cursor) {
    }

    public void putAll(List<Snapshot> snapshots) {
        List<WriteRequest> writes = new ArrayList<>(snapshots.size());
        for (Snapshot snapshot : snapshots) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(items.of(snapshot)).build()).build());
        }
        StorageOperation.AGGREGATION_RUN.run(() -> writer.putAll(writes));
    }

    public Optional<Snapshot> get(String scope, String id, Period period) {
        var item = StorageOperation.READ.call(() -> dynamo.getItem(b -> b.tableName(table.name())
                .key(SymmetryTable.key(SymmetryTable.snapshotPartition(scope, id, period.type()), period.label()))));
        return item.hasItem() ? Optional.of(items.snapshot(item.item())) : Optional.empty();
    }

    /** One group's snapshots of one period type, newest first. */
    public Page history(String scope, String id, PeriodType type, int limit, Optional<String> cursor) {
        String pk = SymmetryTable.snapshotPartition(scope, id, type);
        return page(QueryRequest.builder().tableName(table.name()).scanIndexForward(false).limit(limit)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))),
                cursor.map(c -> decode(c, SymmetryTable.PK, pk, List.of(SymmetryTable.PK, SymmetryTable.SK))));
    }

    /** Every group of one scope for one period, by id. */
    public Page ofPeriod(String scope, Period period, int limit, Optional<String> cursor) {
        String gpk = SymmetryTable.snapshotsOfPeriod(scope, period.key());
        return page(QueryRequest.builder().tableName(table.name()).indexName(SymmetryTable.BY_PERIOD).limit(limit)
                .keyConditionExpression("gpk = :gpk")
                .expressionAttributeValues(Map.of(":gpk", AttributeValue.fromS(gpk))),
                cursor.map(c -> decode(c, SymmetryTable.GPK, gpk,
                        List.of(SymmetryTable.PK, SymmetryTable.SK, SymmetryTable.GPK, SymmetryTable.GSK))));
    }

    /** One page, the client's: it holds the cursor, so this is one Query, not a paginator's loop. */
    private Page page(QueryRequest.Builder query, Optional<Map<String, AttributeValue>> from) {
        from.ifPresent(query::exclusiveStartKey);
        QueryResponse response = StorageOperation.READ.call(() -> dynamo.query(query.build()));
        return new Page(response.items().stream().map(items::snapshot).toList(),
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? Optional.of(encode(response.lastEvaluatedKey())) : Optional.empty());
    }

    /** DynamoDB's last key, as a cursor: every key attribute is a string here. */
    private static String encode(Map<String, AttributeValue> key) {
        Map<String, String> position = new HashMap<>();
        key.forEach((name, value) -> position.put(name, value.s()));
        return PageCursor.encode(position);
    }

    private static Map<String, AttributeValue> decode(String cursor, String partitionName, String partition, List<String> names) {
        Map<String, AttributeValue> key = new HashMap<>();
        PageCursor.decode(cursor, names, Map.of(partitionName, partition)).forEach((name, value) -> key.put(name, AttributeValue.fromS(value)));
        return key;
    }
}
