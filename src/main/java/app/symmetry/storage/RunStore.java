package app.symmetry.storage;

import static app.symmetry.storage.SymmetryTable.n;
import static app.symmetry.storage.SymmetryTable.s;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import app.symmetry.domain.AggregationReport;

/**
 * Idempotency of scheduled runs, after AWS Lambda Powertools' design: a run claims its scheduled
 * time with a conditional write ({@code IN_PROGRESS}, with a lease), and marks it {@code COMPLETED}
 * with its report. A retried event finds the completed record and returns its report; one that finds
 * an expired lease (the first attempt died) takes the run over. Records expire after a week.
 */
@ApplicationScoped
public class RunStore {

    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";
    private static final Duration KEPT = Duration.ofDays(7);

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;

    public RunStore(Dynamo dynamo, SymmetryTable table) {
        this.dynamo = dynamo.client();
        this.table = table;
    }

    /** What a claim found: the run is ours, or another finished it (with its report), or another holds it. */
    public sealed interface Claim permits Claimed, Completed, Busy {}

    public record Claimed() implements Claim {}

    public record Completed(AggregationReport report) implements Claim {}

    public record Busy() implements Claim {}

    /** A refused claim comes back with the record that refused it (no second read). */
    public Claim claim(String runKey, Instant now, Duration lease) {
        Map<String, AttributeValue> record = record(runKey, IN_PROGRESS, now);
        record.put("leaseUntil", n(now.plus(lease).getEpochSecond()));
        return StorageOperation.AGGREGATION_RUN.call(() -> {
            try {
                dynamo.putItem(b -> b.tableName(table.name())
                        .item(record)
                        .conditionExpression("attribute_not_exists(pk) OR (#st = :progress AND leaseUntil < :now)")
                        .expressionAttributeNames(Map.of("#st", "status"))
                        .expressionAttributeValues(Map.of(":progress", s(IN_PROGRESS), ":now", n(now.getEpochSecond())))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return new Claimed();
            } catch (ConditionalCheckFailedException taken) {
                Map<String, AttributeValue> held = taken.hasItem() ? taken.item() : Map.of();
                AttributeValue status = held.get("status");
                return status != null && COMPLETED.equals(status.s()) ? new Completed(report(held)) : new Busy();
            }
        });
    }

    public void complete(String runKey, AggregationReport report, Instant now) {
        Map<String, AttributeValue> record = record(runKey, COMPLETED, now);
        record.put("unitsProcessed", n(report.unitsProcessed()));
        record.put("snapshotsWritten", n(report.snapshotsWritten()));
        record.put("answersRead", n(report.answersRead()));
        StorageOperation.AGGREGATION_RUN.run(
                () -> dynamo.putItem(b -> b.tableName(table.name()).item(record)));
    }

    private static Map<String, AttributeValue> record(String runKey, String status, Instant now) {
        Map<String, AttributeValue> record = new HashMap<>(SymmetryTable.run(runKey));
        record.put("status", s(status));
        record.put(SymmetryTable.TTL, n(now.plus(KEPT).getEpochSecond()));
        return record;
    }

    private static AggregationReport report(Map<String, AttributeValue> record) {
        return new AggregationReport(
                Integer.parseInt(record.get("unitsProcessed").n()),
                Integer.parseInt(record.get("snapshotsWritten").n()),
                Long.parseLong(record.get("answersRead").n()));
    }
}
