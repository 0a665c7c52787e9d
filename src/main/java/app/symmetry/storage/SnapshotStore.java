package app.symmetry.storage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import app.symmetry.domain.PageCursor;
import app.symmetry.domain.Period;
import app.symmetry.domain.PeriodType;
import app.symmetry.domain.Snapshot;

/**
 * Where snapshots are kept and read: {@code SNAPSHOT#scope#id#TYPE} / period label, newest last; the
 * {@code byPeriod} index lists every unit (or region) of one period.
 */
@ApplicationScoped
public class SnapshotStore {

    private static final Logger LOG = Logger.getLogger(SnapshotStore.class);

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
    public record Page(List<Snapshot> items, Optional<String> cursor) {}

    /**
     * Writes a run's snapshots, each by a conditional put: a snapshot replaces the stored one only if
     * (1) the stored one was computed for the same time or earlier: runs may overlap (a scheduled run,
     * an on-demand one, a recompute), and a slower, older run finishing last must not put back what a
     * newer one replaced; and (2) the stored one has no employee side of a closed period
     * ({@code closedEmployeeSide}), or exactly the same: once a closed period's employee figures are
     * published they never change, since two versions of a group one answer apart isolate that answer.
     * A snapshot whose condition fails is not written, and the stored one stays whole (its customer
     * side with it: the figures of one snapshot always come from one run). Returns how many were kept.
     */
    public int putAll(List<Snapshot> snapshots, Predicate<Snapshot> closedEmployeeSide) {
        return StorageOperation.AGGREGATION_RUN.call(() -> {
            int kept = 0;
            for (Snapshot snapshot : snapshots) {
                Map<String, AttributeValue> item = items.of(snapshot);
                Map<String, AttributeValue> values = new HashMap<>();
                values.put(":at", item.get(SnapshotItem.COMPUTED_AT));
                String condition = "(attribute_not_exists(#at) OR #at <= :at) AND ";
                if (closedEmployeeSide.test(snapshot)) {
                    AttributeValue employee = items.employeeSide(snapshot);
                    item.put(SnapshotItem.CLOSED_EMPLOYEE, employee);
                    values.put(":employee", employee);
                    condition += "(attribute_not_exists(#employee) OR #employee = :employee)";
                } else {
                    condition += "attribute_not_exists(#employee)";
                }
                if (!writer.putIf(PutItemRequest.builder()
                        .tableName(table.name())
                        .item(item)
                        .conditionExpression(condition)
                        .expressionAttributeNames(
                                Map.of("#at", SnapshotItem.COMPUTED_AT, "#employee", SnapshotItem.CLOSED_EMPLOYEE))
                        .expressionAttributeValues(values)
                        .build())) {
                    kept++;
                    LOG.debugf(
                            "kept the stored %s %s %s: newer, or a closed period's published employee side",
                            snapshot.scope(), snapshot.id(), snapshot.period());
                }
            }
            return kept;
        });
    }

    /**
     * A scheduled run's snapshots: only those whose figures differ from the stored ones' (or that are not
     * stored yet), each by {@link #putAll}'s conditional put. Returns how many were written.
     * <p>
     * An hourly run assembles every snapshot of the open periods, but in an hour most units get no answer:
     * rewriting all of them made every run's writes follow the size of the organisation (20,033 puts an
     * hour at 10,000 units), not the answers that came in. The stored digests ({@link SnapshotItem#FIGURES})
     * are read first, 100 to a consistent BatchGetItem: a read unit costs a fifth of a write unit and covers
     * 4 KB where a put costs one per KB. A snapshot left as it was keeps the time of the run that last
     * changed its figures.
     */
    public int putChanged(List<Snapshot> snapshots, Predicate<Snapshot> closedEmployeeSide) {
        Map<Map<String, AttributeValue>, String> stored = storedFigures(snapshots);
        List<Snapshot> changed = snapshots.stream()
                .filter(s -> !items.figures(s).s().equals(stored.get(keyOf(s))))
                .toList();
        return changed.size() - putAll(changed, closedEmployeeSide);
    }

    /** The stored digest of each of these snapshots that is stored, by its key. */
    private Map<Map<String, AttributeValue>, String> storedFigures(List<Snapshot> snapshots) {
        List<Map<String, AttributeValue>> keys =
                snapshots.stream().map(SnapshotStore::keyOf).toList();
        Map<Map<String, AttributeValue>, String> stored = new HashMap<>();
        StorageOperation.AGGREGATION_RUN
                .call(() -> ItemsByKey.read(
                        dynamo,
                        table.name(),
                        keys,
                        b -> b.consistentRead(true)
                                .projectionExpression("#pk, #sk, #f")
                                .expressionAttributeNames(Map.of(
                                        "#pk", SymmetryTable.PK, "#sk", SymmetryTable.SK, "#f", SnapshotItem.FIGURES))))
                .forEach(item -> {
                    AttributeValue figures = item.get(SnapshotItem.FIGURES);
                    if (figures != null) {
                        stored.put(
                                SymmetryTable.key(
                                        item.get(SymmetryTable.PK).s(),
                                        item.get(SymmetryTable.SK).s()),
                                figures.s());
                    }
                });
        return stored;
    }

    private static Map<String, AttributeValue> keyOf(Snapshot snapshot) {
        return keyOf(
                snapshot.scope(), snapshot.id(), Period.parse(snapshot.period()).orElseThrow());
    }

    private static Map<String, AttributeValue> keyOf(String scope, String id, Period period) {
        return SymmetryTable.key(SymmetryTable.snapshotPartition(scope, id, period.type()), period.label());
    }

    public Optional<Snapshot> get(String scope, String id, Period period) {
        var item = StorageOperation.READ.call(
                () -> dynamo.getItem(b -> b.tableName(table.name()).key(keyOf(scope, id, period))));
        return item.hasItem() ? Optional.of(items.snapshot(item.item())) : Optional.empty();
    }

    /** One group's snapshots of one period type, newest first. */
    public Page history(String scope, String id, PeriodType type, int limit, Optional<String> cursor) {
        String pk = SymmetryTable.snapshotPartition(scope, id, type);
        return page(
                QueryRequest.builder()
                        .tableName(table.name())
                        .scanIndexForward(false)
                        .limit(limit)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))),
                cursor.map(c -> decode(c, SymmetryTable.PK, pk, List.of(SymmetryTable.PK, SymmetryTable.SK))));
    }

    /** Every group of one scope for one period, by id. */
    public Page ofPeriod(String scope, Period period, int limit, Optional<String> cursor) {
        String gpk = SymmetryTable.snapshotsOfPeriod(scope, period.key());
        return page(
                QueryRequest.builder()
                        .tableName(table.name())
                        .indexName(SymmetryTable.BY_PERIOD)
                        .limit(limit)
                        .keyConditionExpression("gpk = :gpk")
                        .expressionAttributeValues(Map.of(":gpk", AttributeValue.fromS(gpk))),
                cursor.map(c -> decode(
                        c,
                        SymmetryTable.GPK,
                        gpk,
                        List.of(SymmetryTable.PK, SymmetryTable.SK, SymmetryTable.GPK, SymmetryTable.GSK))));
    }

    /** One page, the client's: it holds the cursor, so this is one Query, not a paginator's loop. */
    private Page page(QueryRequest.Builder query, Optional<Map<String, AttributeValue>> from) {
        from.ifPresent(query::exclusiveStartKey);
        QueryResponse response = StorageOperation.READ.call(() -> dynamo.query(query.build()));
        return new Page(
                response.items().stream().map(items::snapshot).toList(),
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? Optional.of(encode(response.lastEvaluatedKey()))
                        : Optional.empty());
    }

    /** DynamoDB's last key, as a cursor: every key attribute is a string here. */
    private static String encode(Map<String, AttributeValue> key) {
        Map<String, String> position = new HashMap<>();
        key.forEach((name, value) -> position.put(name, value.s()));
        return PageCursor.encode(position);
    }

    private static Map<String, AttributeValue> decode(
            String cursor, String partitionName, String partition, List<String> names) {
        Map<String, AttributeValue> key = new HashMap<>();
        PageCursor.decode(cursor, names, Map.of(partitionName, partition))
                .forEach((name, value) -> key.put(name, AttributeValue.fromS(value)));
        return key;
    }
}
