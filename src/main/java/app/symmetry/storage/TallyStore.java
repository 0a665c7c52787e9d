package app.symmetry.storage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static app.symmetry.storage.SymmetryTable.s;

import jakarta.enterprise.context.ApplicationScoped;

import app.symmetry.answer.Side;
import app.symmetry.indicator.DimensionTally;
import app.symmetry.indicator.SideTally;
import app.symmetry.snapshot.UnitDays;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Per unit, day and side, the counts and sums an answer set reduces to. They add up exactly into
 * weeks, months, regions and the organisation, so a run re-reads only the days whose answers may
 * have changed.
 * <p>
 * One item per unit and month ({@code TALLY#unit} / {@code 2026-11}), one attribute per day and side
 * ({@code 2026-11-23#C}). A run over a month writes one item per unit, not 62 (a fraction of the
 * write units: a day's tally is some 100 bytes, a write unit 1 KB), and the tallies a run needs are
 * a few items per unit, fetched by key. Each day is set on its own by {@code UpdateItem}, so two runs
 * writing different days of one month never overwrite each other.
 */
@ApplicationScoped
public class TallyStore {

    private static final String PREFIX = "TALLY#";
    /** DynamoDB takes at most 100 keys per BatchGetItem. */
    private static final int BATCH_GET = 100;
    private static final int ATTEMPTS = 8;
    private static final Pattern DAY_SIDE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}#[CE]");

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;
    private final DerivedItemWriter writer;

    public TallyStore(Dynamo dynamo, SymmetryTable table, DerivedItemWriter writer) {
        this.dynamo = dynamo.client();
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
                values.put(":t" + i, s(day.getValue()));
                i++;
            }
            writer.update(UpdateItemRequest.builder().tableName(table.name())
                    .key(Map.of(SymmetryTable.PK, s(partition(unitId)), SymmetryTable.SK, s(month.toString())))
                    .updateExpression(set.toString()).expressionAttributeNames(names).expressionAttributeValues(values).build());
        });
    }

    /**
     * The tallies of these units from {@code from} to {@code to}: their month items, fetched 100 keys
     * to a BatchGetItem (a run reads every unit's last two months or so: a few requests, not a Query
     * per unit).
     */
    public Map<String, UnitDays> read(Collection<String> unitIds, LocalDate from, LocalDate to) {
        Map<String, Map<LocalDate, SideTally>> customer = new HashMap<>();
        Map<String, Map<LocalDate, SideTally>> employee = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String unitId : unitIds) {
            customer.put(unitId, new TreeMap<>());
            employee.put(unitId, new TreeMap<>());
            for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
                keys.add(Map.of(SymmetryTable.PK, s(partition(unitId)), SymmetryTable.SK, s(m.toString())));
            }
        }
        for (int i = 0; i < keys.size(); i += BATCH_GET) {
            Map<String, KeysAndAttributes> pending = Map.of(table.name(),
                    KeysAndAttributes.builder().keys(keys.subList(i, Math.min(keys.size(), i + BATCH_GET))).consistentRead(true).build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("tallies left unread by DynamoDB after " + ATTEMPTS + " attempts");
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse page = dynamo.batchGetItem(b -> b.requestItems(request));
                for (Map<String, AttributeValue> item : page.responses().getOrDefault(table.name(), List.of())) {
                    String unitId = item.get(SymmetryTable.PK).s().substring(PREFIX.length());
                    item.forEach((name, value) -> {
                        if (DAY_SIDE.matcher(name).matches()) {
                            LocalDate day = LocalDate.parse(name.substring(0, 10));
                            if (!day.isBefore(from) && !day.isAfter(to)) {
                                (name.endsWith("#C") ? customer : employee).get(unitId).put(day, decode(value.s()));
                            }
                        }
                    });
                }
                pending = page.hasUnprocessedKeys() ? page.unprocessedKeys() : Map.of();
                if (!pending.isEmpty()) {
                    DerivedItemWriter.backOff(attempt);
                }
            }
        }
        Map<String, UnitDays> out = new HashMap<>();
        for (String unitId : unitIds) {
            out.put(unitId, new UnitDays(customer.get(unitId), employee.get(unitId)));
        }
        return out;
    }

    private static String attribute(LocalDate day, Side side) {
        return day + "#" + side.mark();
    }

    private static String partition(String unitId) {
        return PREFIX + unitId;
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
