package app.symmetry.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.symmetry.domain.Period;
import app.symmetry.domain.PeriodType;
import app.symmetry.error.SymmetryException;
import app.symmetry.domain.PageCursor;
import app.symmetry.domain.Snapshot;
import software.amazon.awssdk.core.exception.SdkException;
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
    private final ObjectMapper json;

    public SnapshotStore(Dynamo dynamo, SymmetryTable table, DerivedItemWriter writer, ObjectMapper json) {
        this.dynamo = dynamo.client();
        this.table = table;
        this.writer = writer;
        this.json = json;
    }

    /** A page of items and the opaque cursor to continue from, if any. */
    public record Page(List<Snapshot> items, Optional<String> cursor) {
    }

    public void putAll(List<Snapshot> snapshots) {
        List<WriteRequest> writes = new ArrayList<>(snapshots.size());
        for (Snapshot s : snapshots) {
            Period period = Period.parse(s.period()).orElseThrow();
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(SymmetryTable.PK, AttributeValue.fromS(partition(s.scope(), s.id(), period.type())));
            item.put(SymmetryTable.SK, AttributeValue.fromS(period.label()));
            item.put(SymmetryTable.GPK, AttributeValue.fromS(periodPartition(s.scope(), s.period())));
            item.put(SymmetryTable.GSK, AttributeValue.fromS(s.id()));
            item.put("body", AttributeValue.fromS(write(s)));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        writer.putAll(writes);
    }

    public Optional<Snapshot> get(String scope, String id, Period period) {
        try {
            var item = dynamo.getItem(b -> b.tableName(table.name()).key(Map.of(
                    SymmetryTable.PK, AttributeValue.fromS(partition(scope, id, period.type())),
                    SymmetryTable.SK, AttributeValue.fromS(period.label()))));
            return item.hasItem() ? Optional.of(read(item.item().get("body").s())) : Optional.empty();
        } catch (SdkException e) {
            throw SymmetryException.storageUnavailable(e);
        }
    }

    /** One group's snapshots of one period type, newest first. */
    public Page history(String scope, String id, PeriodType type, int limit, Optional<String> cursor) {
        String pk = partition(scope, id, type);
        return page(QueryRequest.builder().tableName(table.name()).scanIndexForward(false).limit(limit)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))),
                cursor.map(c -> decode(c, SymmetryTable.PK, pk, List.of(SymmetryTable.PK, SymmetryTable.SK))));
    }

    /** Every group of one scope for one period, by id. */
    public Page ofPeriod(String scope, Period period, int limit, Optional<String> cursor) {
        String gpk = periodPartition(scope, period.key());
        return page(QueryRequest.builder().tableName(table.name()).indexName(SymmetryTable.BY_PERIOD).limit(limit)
                .keyConditionExpression("gpk = :gpk")
                .expressionAttributeValues(Map.of(":gpk", AttributeValue.fromS(gpk))),
                cursor.map(c -> decode(c, SymmetryTable.GPK, gpk,
                        List.of(SymmetryTable.PK, SymmetryTable.SK, SymmetryTable.GPK, SymmetryTable.GSK))));
    }

    private Page page(QueryRequest.Builder query, Optional<Map<String, AttributeValue>> from) {
        from.ifPresent(query::exclusiveStartKey);
        try {
            QueryResponse response = dynamo.query(query.build());
            List<Snapshot> items = response.items().stream().map(i -> read(i.get("body").s())).toList();
            return new Page(items, response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? Optional.of(encode(response.lastEvaluatedKey())) : Optional.empty());
        } catch (SdkException e) {
            throw SymmetryException.storageUnavailable(e);
        }
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

    private static String partition(String scope, String id, PeriodType type) {
        return "SNAPSHOT#" + scope + "#" + id + "#" + type;
    }

    private static String periodPartition(String scope, String periodKey) {
        return "SNAPSHOT#" + scope + "#" + periodKey;
    }

    private String write(Snapshot s) {
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Snapshot read(String body) {
        try {
            return json.readValue(body, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored snapshot does not read back", e);
        }
    }
}
