package app.symmetry.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static app.symmetry.storage.SymmetryTable.s;

import jakarta.enterprise.context.ApplicationScoped;

import app.symmetry.domain.DayProgress;
import app.symmetry.domain.SettledCustomers;
import app.symmetry.domain.Side;
import app.symmetry.indicator.DimensionTally;
import app.symmetry.indicator.SideTally;
import app.symmetry.domain.UnitDays;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Per unit, day and side, the counts and sums an answer set reduces to. They add up exactly into
 * weeks, months, regions and the organisation, so a run re-reads only the days whose answers may
 * have changed.
 * <p>
 * One item per unit and month ({@code TALLY#unit} / {@code 2026-11}), one attribute per day and side
 * ({@code 2026-11-23#C}); the customer side also carries the time of the run that computed the day
 * ({@code …@1795428000}, in the same attribute so an update sets no more of them: a unit's day snapshot
 * is computed from these when read, and shows it). A run over a month writes one item per unit, not
 * 62 (a fraction of the write units: a day's tally is some 100 bytes, a write unit 1 KB), and the
 * tallies a run needs are a few items per unit, fetched by key. Each day is set on its own by {@code UpdateItem}, so two runs
 * writing different days of one month never overwrite each other. Beside them, a day's {@link DayProgress}:
 * its settled customers ({@code 2026-11-23#S}) and when its employee answers were read ({@code 2026-11-23#R}).
 */
@ApplicationScoped
public class TallyStore {

    private static final String PREFIX = "TALLY#";
    /** A day's settled customers, {@code 2026-11-23#S}: their tally and the time they run up to. */
    private static final String SETTLED = "#S";
    /** When a day's employee answers were last read whole, {@code 2026-11-23#R}. */
    private static final String EMPLOYEES_READ = "#R";
    /** A day's tallies: {@code 2026-11-23#C} and {@code 2026-11-23#E}. */
    private static final Pattern DAY_SIDE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}#[CE]");

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;
    private final DerivedItemWriter writer;

    public TallyStore(Dynamo dynamo, SymmetryTable table, DerivedItemWriter writer) {
        this.dynamo = dynamo.client();
        this.table = table;
        this.writer = writer;
    }

    /**
     * Stores one unit's tallies of several days, both sides, and when they were computed, forgetting
     * how far scheduled runs got through those days (what a recompute does). Returns every day of the
     * months written, as they stand after the update.
     */
    public UnitDays putDays(String unitId, Map<LocalDate, SideTally> customer, Map<LocalDate, SideTally> employee, Instant computedAt) {
        return putDays(unitId, customer, employee, DayProgress.NONE, computedAt);
    }

    /**
     * Stores one unit's tallies of several days, both sides, when they were computed and the run's
     * {@code progress} through them (a day written without progress loses what it had): one update
     * per month. Returns every day of the months written, as they stand after the update (DynamoDB
     * returns the item with the update, at no read cost): the run needs them next.
     */
    public UnitDays putDays(String unitId, Map<LocalDate, SideTally> customer, Map<LocalDate, SideTally> employee,
            DayProgress progress, Instant computedAt) {
        MonthUpdates updates = new MonthUpdates();
        customer.forEach((day, tally) -> {
            SettledCustomers settled = progress.settled().get(day);
            updates.put(day, attribute(day, Side.CUSTOMER), stamped(tally, computedAt),
                    SETTLED, settled == null ? null : stamped(settled.tally(), settled.before()));
        });
        employee.forEach((day, tally) -> {
            Instant readAt = progress.employeesReadAt().get(day);
            updates.put(day, attribute(day, Side.EMPLOYEE), encode(tally),
                    EMPLOYEES_READ, readAt == null ? null : Long.toString(readAt.getEpochSecond()));
        });
        DaysRead after = new DaysRead(LocalDate.MIN, LocalDate.MAX);
        updates.set.forEach((month, days) -> {
            StringBuilder update = new StringBuilder("SET ");
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            int i = 0;
            for (Map.Entry<String, String> day : days.entrySet()) {
                update.append(i == 0 ? "" : ", ").append("#d").append(i).append(" = :t").append(i);
                names.put("#d" + i, day.getKey());
                values.put(":t" + i, s(day.getValue()));
                i++;
            }
            String remove = " REMOVE ";
            for (String name : updates.removed.getOrDefault(month, List.of())) {
                update.append(remove).append("#d").append(i);
                names.put("#d" + i, name);
                remove = ", ";
                i++;
            }
            UpdateItemResponse updated = writer.update(UpdateItemRequest.builder().tableName(table.name())
                    .key(Map.of(SymmetryTable.PK, s(partition(unitId)), SymmetryTable.SK, s(month.toString())))
                    .updateExpression(update.toString()).expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW).build());
            after.add(updated.attributes());
        });
        return after.unitDays();
    }

    /**
     * How far scheduled runs got through these units' {@code days}: only those attributes of their
     * month items, by key, a BatchGetItem per 100 items.
     */
    public Map<String, DayProgress> progress(Collection<String> unitIds, Collection<LocalDate> days) {
        Map<String, String> names = new HashMap<>();
        StringBuilder projection = new StringBuilder(SymmetryTable.PK);
        for (LocalDate day : days) {
            for (String mark : List.of(SETTLED, EMPLOYEES_READ)) {
                String name = "#p" + names.size();
                names.put(name, day + mark);
                projection.append(", ").append(name);
            }
        }
        Set<YearMonth> months = new TreeSet<>();
        days.forEach(day -> months.add(YearMonth.from(day)));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String unitId : unitIds) {
            for (YearMonth month : months) {
                keys.add(Map.of(SymmetryTable.PK, s(partition(unitId)), SymmetryTable.SK, s(month.toString())));
            }
        }
        Map<String, Map<LocalDate, SettledCustomers>> settled = new HashMap<>();
        Map<String, Map<LocalDate, Instant>> employeesRead = new HashMap<>();
        for (Map<String, AttributeValue> item : ItemsByKey.read(dynamo, table.name(), keys,
                b -> b.consistentRead(true).projectionExpression(projection.toString()).expressionAttributeNames(names))) {
            String unitId = item.get(SymmetryTable.PK).s().substring(PREFIX.length());
            item.forEach((name, value) -> {
                if (name.endsWith(SETTLED)) {
                    settled.computeIfAbsent(unitId, u -> new HashMap<>()).put(LocalDate.parse(name.substring(0, 10)),
                            new SettledCustomers(tallyOf(value.s()), timeOf(value.s())));
                } else if (name.endsWith(EMPLOYEES_READ)) {
                    employeesRead.computeIfAbsent(unitId, u -> new HashMap<>()).put(LocalDate.parse(name.substring(0, 10)),
                            Instant.ofEpochSecond(Long.parseLong(value.s())));
                }
            });
        }
        Map<String, DayProgress> out = new HashMap<>();
        for (String unitId : unitIds) {
            out.put(unitId, new DayProgress(settled.getOrDefault(unitId, Map.of()), employeesRead.getOrDefault(unitId, Map.of())));
        }
        return out;
    }

    /**
     * The tallies of these units from {@code from} to {@code to}: their month items, fetched 100 keys
     * to a BatchGetItem (a run reads every unit's last two months or so: a few requests, not a Query
     * per unit).
     */
    public Map<String, UnitDays> read(Collection<String> unitIds, LocalDate from, LocalDate to) {
        return read(unitIds, from, to, Set.of());
    }

    /** The same, but for the months in {@code known}, which the caller already has. */
    public Map<String, UnitDays> read(Collection<String> unitIds, LocalDate from, LocalDate to, Set<YearMonth> known) {
        Map<String, DaysRead> read = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String unitId : unitIds) {
            read.put(unitId, new DaysRead(from, to));
            for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
                if (!known.contains(m)) {
                    keys.add(Map.of(SymmetryTable.PK, s(partition(unitId)), SymmetryTable.SK, s(m.toString())));
                }
            }
        }
        for (Map<String, AttributeValue> item : ItemsByKey.read(dynamo, table.name(), keys, b -> b.consistentRead(true))) {
            read.get(item.get(SymmetryTable.PK).s().substring(PREFIX.length())).add(item);
        }
        Map<String, UnitDays> out = new HashMap<>();
        read.forEach((unitId, days) -> out.put(unitId, days.unitDays()));
        return out;
    }

    /**
     * A unit's latest days before {@code before} (all when absent): at least {@code count} of them if
     * stored, newest month items first, and the day before the oldest of those, which its trend needs.
     */
    public UnitDays latestDays(String unitId, Optional<LocalDate> before, int count) {
        LocalDate to = before.map(d -> d.minusDays(1)).orElse(LocalDate.MAX);
        DaysRead read = new DaysRead(LocalDate.MIN, to);
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name()).scanIndexForward(false).consistentRead(true)
                .limit(2).keyConditionExpression("pk = :pk AND sk <= :month").expressionAttributeValues(Map.of(
                        ":pk", s(partition(unitId)), ":month", s(before.isEmpty() ? "9999-12" : YearMonth.from(to).toString())));
        Map<String, AttributeValue> from = null;
        YearMonth oldestRead = null;
        do {
            QueryResponse page = dynamo.query(from == null ? query.build() : query.exclusiveStartKey(from).build());
            for (Map<String, AttributeValue> item : page.items()) {
                read.add(item);
                oldestRead = YearMonth.parse(item.get(SymmetryTable.SK).s());
            }
            from = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (from != null && !enough(read.customer.descendingKeySet(), count, oldestRead));
        return read.unitDays();
    }

    /** Enough when {@code count} days are in, and the month of the day before the oldest of them too. */
    private static boolean enough(java.util.NavigableSet<LocalDate> newestFirst, int count, YearMonth oldestRead) {
        if (newestFirst.size() < count) {
            return false;
        }
        LocalDate oldest = newestFirst.stream().skip(count - 1L).findFirst().orElseThrow();
        return !YearMonth.from(oldest.minusDays(1)).isBefore(oldestRead);
    }

    /** Per month, the attributes an update sets and those it removes. */
    private static final class MonthUpdates {
        final Map<YearMonth, Map<String, String>> set = new TreeMap<>();
        final Map<YearMonth, List<String>> removed = new TreeMap<>();

        /** A day's tally, and its progress mark: set when given, removed when not (a recompute's). */
        void put(LocalDate day, String tallyName, String tally, String mark, String markValue) {
            YearMonth month = YearMonth.from(day);
            Map<String, String> attributes = set.computeIfAbsent(month, m -> new TreeMap<>());
            attributes.put(tallyName, tally);
            if (markValue != null) {
                attributes.put(day + mark, markValue);
            } else {
                removed.computeIfAbsent(month, m -> new ArrayList<>()).add(day + mark);
            }
        }
    }

    /** {@code <tally>@<epochSeconds>}: a tally and a time in one attribute. */
    private static String stamped(SideTally tally, Instant at) {
        return encode(tally) + '@' + at.getEpochSecond();
    }

    private static SideTally tallyOf(String stamped) {
        return decode(stamped.substring(0, stamped.lastIndexOf('@')));
    }

    private static Instant timeOf(String stamped) {
        return Instant.ofEpochSecond(Long.parseLong(stamped.substring(stamped.lastIndexOf('@') + 1)));
    }

    /** The days of month items within {@code from}..{@code to}, as they are read. */
    private static final class DaysRead {
        final TreeMap<LocalDate, SideTally> customer = new TreeMap<>();
        final Map<LocalDate, SideTally> employee = new TreeMap<>();
        final Map<LocalDate, Instant> computedAt = new TreeMap<>();
        final LocalDate from;
        final LocalDate to;

        DaysRead(LocalDate from, LocalDate to) {
            this.from = from;
            this.to = to;
        }

        void add(Map<String, AttributeValue> item) {
            item.forEach((name, value) -> {
                if (!DAY_SIDE.matcher(name).matches()) {
                    return;
                }
                LocalDate day = LocalDate.parse(name.substring(0, 10));
                if (day.isBefore(from) || day.isAfter(to)) {
                    return;
                }
                String text = value.s();
                if (name.endsWith("#E")) {
                    employee.put(day, decode(text));
                } else if (text.indexOf('@') < 0) {
                    customer.put(day, decode(text));
                } else {
                    customer.put(day, tallyOf(text));
                    computedAt.put(day, timeOf(text));
                }
            });
        }

        UnitDays unitDays() {
            return new UnitDays(customer, employee, computedAt);
        }
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
