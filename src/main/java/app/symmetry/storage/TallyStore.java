package app.symmetry.storage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import app.symmetry.answer.Side;
import app.symmetry.indicator.DimensionTally;
import app.symmetry.indicator.SideTally;
import app.symmetry.snapshot.UnitDays;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Per unit, day and side, the counts and sums an answer set reduces to. They add up exactly into
 * weeks, months, regions and the organisation, so a run re-reads only the days whose answers may
 * have changed.
 * <p>
 * One item per unit and month ({@code TALLY#unit} / {@code 2026-11}), one attribute per day and side
 * ({@code 2026-11-23#C}). A run over a month writes one item per unit, not 62 (a fraction of the
 * write units: a day's tally is some 100 bytes, a write unit 1 KB), and reads a unit's history in a
 * few items. Each day is set on its own by {@code UpdateItem}, so two runs writing different days of
 * one month never overwrite each other.
 */
@ApplicationScoped
public class TallyStore {

    private static final Pattern DAY_SIDE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}#[CE]");

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;
    private final DerivedItemWriter writer;

    public TallyStore(DynamoDbClient dynamo, SymmetryTable table, DerivedItemWriter writer) {
        this.dynamo = dynamo;
        this.table = table;
        this.writer = writer;
    }

    /** Stores one unit's tallies of several days, both sides: one update per month. */
    public void putDays(String unitId, Map<LocalDate, SideTally> customer, Map<LocalDate, SideTally> employee) {
        Map<YearMonth, Map<String, String>> months = new TreeMap<>();
        customer.forEach((day, tally) -> months.computeIfAbsent(YearMonth.from(day), m -> new TreeMap<>())
                .put(attribute(day, Side.CUSTOMER), encode(tally)));
        employee.forEach((day, tally) -> months.computeIfAbsent(YearMonth.from(day), m -> new TreeMap<>())
                .put(attribute(day, Side.EMPLOYEE), encode(tally)));
        months.forEach((month, days) -> {
            StringBuilder set = new StringBuilder("SET ");
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            int i = 0;
            for (Map.Entry<String, String> day : days.entrySet()) {
                set.append(i == 0 ? "" : ", ").append("#d").append(i).append(" = :t").append(i);
                names.put("#d" + i, day.getKey());
                values.put(":t" + i, AttributeValue.fromS(day.getValue()));
                i++;
            }
            writer.update(UpdateItemRequest.builder().tableName(table.name())
                    .key(Map.of(SymmetryTable.PK, AttributeValue.fromS(partition(unitId)), SymmetryTable.SK,
                            AttributeValue.fromS(month.toString())))
                    .updateExpression(set.toString()).expressionAttributeNames(names).expressionAttributeValues(values).build());
        });
    }

    /** One Query: the unit's tallies from {@code from} to {@code to}. */
    public UnitDays read(String unitId, LocalDate from, LocalDate to) {
        Map<LocalDate, SideTally> customer = new TreeMap<>();
        Map<LocalDate, SideTally> employee = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table.name()).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition(unitId)),
                            ":from", AttributeValue.fromS(YearMonth.from(from).toString()),
                            ":to", AttributeValue.fromS(YearMonth.from(to) + "-~")));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(q.build());
            for (Map<String, AttributeValue> item : page.items()) {
                String sk = item.get(SymmetryTable.SK).s();
                if (DAY_SIDE.matcher(sk).matches()) {
                    // one item per day and side, as the first release stored them: read until a run rewrites
                    // the day (a month item sorts before its days, so what a run wrote since wins)
                    LocalDate day = LocalDate.parse(sk.substring(0, 10));
                    if (!day.isBefore(from) && !day.isAfter(to) && item.containsKey("tally")) {
                        (sk.endsWith("#C") ? customer : employee).putIfAbsent(day, decode(item.get("tally").s()));
                    }
                    continue;
                }
                item.forEach((name, value) -> {
                    if (!DAY_SIDE.matcher(name).matches()) {
                        return;
                    }
                    LocalDate day = LocalDate.parse(name.substring(0, 10));
                    if (!day.isBefore(from) && !day.isAfter(to)) {
                        (name.endsWith("#C") ? customer : employee).put(day, decode(value.s()));
                    }
                });
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new UnitDays(customer, employee);
    }

    private static String attribute(LocalDate day, Side side) {
        return day + "#" + side.mark();
    }

    private static String partition(String unitId) {
        return "TALLY#" + unitId;
    }

    /** {@code n|promoters|detractors|dim:count:sum,…}: compact, and readable in the console. */
    static String encode(SideTally t) {
        StringBuilder s = new StringBuilder().append(t.n()).append('|').append(t.promoters()).append('|').append(t.detractors()).append('|');
        String sep = "";
        for (Map.Entry<String, DimensionTally> d : t.dimensions().entrySet()) {
            s.append(sep).append(d.getKey()).append(':').append(d.getValue().count()).append(':').append(d.getValue().sum());
            sep = ",";
        }
        return s.toString();
    }

    static SideTally decode(String text) {
        String[] parts = text.split("\\|", -1);
        Map<String, DimensionTally> dims = new TreeMap<>();
        if (!parts[3].isEmpty()) {
            for (String d : parts[3].split(",")) {
                String[] f = d.split(":");
                dims.put(f[0], new DimensionTally(Long.parseLong(f[1]), Long.parseLong(f[2])));
            }
        }
        return new SideTally(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]), dims);
    }
}
