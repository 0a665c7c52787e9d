package app.symmetry.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static app.symmetry.storage.SymmetryTable.n;
import static app.symmetry.storage.SymmetryTable.s;

import jakarta.enterprise.context.ApplicationScoped;

import app.symmetry.domain.AggregationReport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency of scheduled runs, after AWS Lambda Powertools' design: a run claims its scheduled
 * time with a conditional write ({@code IN_PROGRESS}, with a lease), and marks it {@code COMPLETED}
 * with its report. A retried event finds the completed record and returns its report; one that finds
 * an expired lease (the first attempt died) takes the run over. Records expire after a week.
 */
@ApplicationScoped
public class RunStore {

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;

    public RunStore(Dynamo dynamo, SymmetryTable table) {
        this.dynamo = dynamo.client();
        this.table = table;
    }

    /** What a claim found: the run is ours, or another finished it (with its report), or another holds it. */
    public sealed interface Claim permits Claimed, Completed, Busy {
    }

    public record Claimed() implements Claim {
    }

    public record Completed(AggregationReport report) implements Claim {
    }

    public record Busy() implements Claim {
    }

    public Claim claim(String runKey, Instant now, Duration lease) {
        try {
            dynamo.putItem(b -> b.tableName(table.name())
                    .item(Map.of(SymmetryTable.PK, s("RUN#" + runKey), SymmetryTable.SK, s("-"),
                            "status", s("IN_PROGRESS"), "leaseUntil", n(now.plus(lease).getEpochSecond()),
                            SymmetryTable.TTL, n(now.plus(Duration.ofDays(7)).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(pk) OR (#st = :progress AND leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":progress", s("IN_PROGRESS"), ":now", n(now.getEpochSecond()))));
            return new Claimed();
        } catch (ConditionalCheckFailedException taken) {
            var item = dynamo.getItem(b -> b.tableName(table.name()).consistentRead(true)
                    .key(Map.of(SymmetryTable.PK, s("RUN#" + runKey), SymmetryTable.SK, s("-")))).item();
            if ("COMPLETED".equals(Optional.ofNullable(item.get("status")).map(AttributeValue::s).orElse(""))) {
                return new Completed(new AggregationReport(Integer.parseInt(item.get("unitsProcessed").n()),
                        Integer.parseInt(item.get("snapshotsWritten").n()), Long.parseLong(item.get("answersRead").n())));
            }
            return new Busy();
        }
    }

    public void complete(String runKey, AggregationReport report, Instant now) {
        dynamo.putItem(b -> b.tableName(table.name()).item(Map.of(
                SymmetryTable.PK, s("RUN#" + runKey), SymmetryTable.SK, s("-"), "status", s("COMPLETED"),
                "unitsProcessed", n(report.unitsProcessed()), "snapshotsWritten", n(report.snapshotsWritten()),
                "answersRead", n(report.answersRead()), SymmetryTable.TTL, n(now.plus(Duration.ofDays(7)).getEpochSecond()))));
    }
}
