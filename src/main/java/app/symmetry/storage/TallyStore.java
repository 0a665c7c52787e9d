package app.symmetry.storage;

import static app.symmetry.storage.SymmetryTable.s;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import app.symmetry.domain.DayProgress;
import app.symmetry.domain.SettledCustomers;
import app.symmetry.domain.Side;
import app.symmetry.domain.UnitDays;
import app.symmetry.indicator.SideTally;

/**
 * Per unit, day and side, the counts and sums an answer set reduces to. They add up exactly into
 * weeks, months, regions and the organisation, so a run re-reads only the days whose answers may
 * have changed.
 * <p>
 * One item per unit and month ({@link TallyItem}). A run over a month writes one item per unit, not
 * 62 (a fraction of the write units: a day's tally is some 100 bytes, a write unit 1 KB), and the
 * tallies a run needs are a few items per unit, fetched by key. Each day is set on its own by
 * {@code UpdateItem}, so two runs writing different days of one month never overwrite each other.
 * Beside the tallies, a day's {@link DayProgress}: its settled customers and when its employee
 * answers were read.
 */
@ApplicationScoped
public class TallyStore {

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;
    private final DerivedItemWriter writer;

    public TallyStore(Dynamo dynamo, SymmetryTable table, DerivedItemWriter writer) {
        this.dynamo = dynamo.client();
        this.table = table;
        this.writer = writer;
    }

    /**
     * Stores one unit's tallies of several days, both sides, when they were computed and the run's
     * {@code progress} through them (a day written without progress loses what it had): one update
     * per month. Returns every day of the months written, as they stand after the update (DynamoDB
     * returns the item with the update, at no read cost): the run needs them next.
     */
    public UnitDays putDays(
            String unitId,
            Map<LocalDate, SideTally> customer,
            Map<LocalDate, SideTally> employee,
            DayProgress progress,
            Instant computedAt) {
        MonthUpdates updates = MonthUpdates.of(customer, employee, progress, computedAt);
        TallyItem.Days after = new TallyItem.Days(LocalDate.MIN, LocalDate.MAX);
        StorageOperation.AGGREGATION_RUN.run(() -> {
            for (YearMonth month : List.copyOf(updates.months())) {
                after.add(newerWins(updates, unitId, month, computedAt));
            }
        });
        return after.unitDays();
    }

    /**
     * One month's update, day by day newer-wins: a day is set only if the run that last set it ran for
     * {@code computedAt} or earlier ({@code 2026-11-23#T}). Runs may overlap (a scheduled run, an on-demand
     * one, a recompute: no reserved concurrency on AWS), and a slower, older run finishing last must not
     * put back an older day. When a day of the update is held by a newer run, the update fails whole
     * (one condition per item); the days held by newer runs are dropped and the rest sent again: each
     * failure drops at least one day (a day's time only grows), so this ends within a month's days.
     * <p>
     * Dropping the older run's day loses nothing. A day's attributes are one run's: its customer tally,
     * its settled customers and the time they run up to (a self-consistent pair: exactly the answers
     * received before that time), and its employees, read whole, with when. The newer run read the
     * progress at or after the older one, so its settled pair reaches at least as far, or, if the
     * older one's settled time is later (a late retry of an earlier event reads from the newer mark
     * and never moves it back), the answers between the two times are after the newer one's mark, and
     * the next run reads every answer received after that mark again: nothing counted twice, nothing
     * missed. A recompute's day (read whole, no progress marks) or a scheduled run's replaces only an
     * older one; what either leaves is a day the next run completes. Returns the item as it stands.
     */
    private Map<String, AttributeValue> newerWins(
            MonthUpdates updates, String unitId, YearMonth month, Instant computedAt) {
        for (int attempt = 0; attempt <= month.lengthOfMonth(); attempt++) {
            if (!updates.has(month)) {
                return dynamo.getItem(b -> b.tableName(table.name())
                                .key(SymmetryTable.tally(unitId, month))
                                .consistentRead(true))
                        .item();
            }
            try {
                return writer.update(updates.request(table.name(), unitId, month, computedAt))
                        .attributes();
            } catch (ConditionalCheckFailedException newer) {
                Map<String, AttributeValue> stored = dynamo.getItem(b -> b.tableName(table.name())
                                .key(SymmetryTable.tally(unitId, month))
                                .consistentRead(true))
                        .item();
                updates.dropDaysNewerThan(month, computedAt, stored);
            }
        }
        throw new StorageOperation.RetriesExhausted("a month item kept changing under a run's update", null);
    }

    /**
     * How far scheduled runs got through these units' {@code days}, and the employee tallies they stored:
     * only those attributes of their month items, by key, a BatchGetItem per 100 items.
     */
    public Map<String, DayProgress> progress(Collection<String> unitIds, Collection<LocalDate> days) {
        Map<String, String> names = new HashMap<>();
        StringBuilder projection = new StringBuilder(SymmetryTable.PK);
        for (LocalDate day : days) {
            for (String attribute : List.of(
                    TallyItem.settledName(day),
                    TallyItem.employeesReadName(day),
                    TallyItem.tallyName(day, Side.EMPLOYEE))) {
                String name = "#p" + names.size();
                names.put(name, attribute);
                projection.append(", ").append(name);
            }
        }
        Set<YearMonth> months = new TreeSet<>();
        days.forEach(day -> months.add(YearMonth.from(day)));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String unitId : unitIds) {
            for (YearMonth month : months) {
                keys.add(SymmetryTable.tally(unitId, month));
            }
        }
        List<Map<String, AttributeValue>> items = StorageOperation.AGGREGATION_RUN.call(() -> ItemsByKey.read(
                dynamo,
                table.name(),
                keys,
                b -> b.consistentRead(true)
                        .projectionExpression(projection.toString())
                        .expressionAttributeNames(names)));
        Map<String, Map<LocalDate, SettledCustomers>> settled = new HashMap<>();
        Map<String, Map<LocalDate, Instant>> employeesRead = new HashMap<>();
        Map<String, Map<LocalDate, SideTally>> employees = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            String unitId = SymmetryTable.unitOfTally(item);
            TallyItem.readProgress(
                    item,
                    settled.computeIfAbsent(unitId, u -> new HashMap<>()),
                    employeesRead.computeIfAbsent(unitId, u -> new HashMap<>()),
                    employees.computeIfAbsent(unitId, u -> new HashMap<>()));
        }
        Map<String, DayProgress> out = new HashMap<>();
        for (String unitId : unitIds) {
            out.put(
                    unitId,
                    new DayProgress(
                            settled.getOrDefault(unitId, Map.of()),
                            employeesRead.getOrDefault(unitId, Map.of()),
                            employees.getOrDefault(unitId, Map.of())));
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
        Map<String, TallyItem.Days> read = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String unitId : unitIds) {
            read.put(unitId, new TallyItem.Days(from, to));
            for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
                if (!known.contains(m)) {
                    keys.add(SymmetryTable.tally(unitId, m));
                }
            }
        }
        StorageOperation.READ
                .call(() -> ItemsByKey.read(dynamo, table.name(), keys, b -> b.consistentRead(true)))
                .forEach(item -> read.get(SymmetryTable.unitOfTally(item)).add(item));
        Map<String, UnitDays> out = new HashMap<>();
        read.forEach((unitId, days) -> out.put(unitId, days.unitDays()));
        return out;
    }

    /**
     * A unit's latest days before {@code before} (all when absent): at least {@code count} of them if
     * stored, newest month items first (two to a page), and the day before the oldest of those, which
     * its trend needs. Pages are fetched only while they are needed.
     */
    public UnitDays latestDays(String unitId, Optional<LocalDate> before, int count) {
        LocalDate to = before.map(d -> d.minusDays(1)).orElse(LocalDate.MAX);
        TallyItem.Days read = new TallyItem.Days(LocalDate.MIN, to);
        QueryRequest query = QueryRequest.builder()
                .tableName(table.name())
                .scanIndexForward(false)
                .consistentRead(true)
                .limit(2)
                .keyConditionExpression("pk = :pk AND sk <= :month")
                .expressionAttributeValues(Map.of(
                        ":pk", s(SymmetryTable.tallyPartition(unitId)),
                        ":month",
                                s(
                                        before.isEmpty()
                                                ? "9999-12"
                                                : YearMonth.from(to).toString())))
                .build();
        StorageOperation.READ.run(() -> {
            YearMonth oldestRead = null;
            for (QueryResponse page : dynamo.queryPaginator(query)) {
                for (Map<String, AttributeValue> item : page.items()) {
                    read.add(item);
                    oldestRead = YearMonth.parse(item.get(SymmetryTable.SK).s());
                }
                if (oldestRead != null && enough(read.customer.descendingKeySet(), count, oldestRead)) {
                    return;
                }
            }
        });
        return read.unitDays();
    }

    /** Enough when {@code count} days are in, and the month of the day before the oldest of them too. */
    private static boolean enough(NavigableSet<LocalDate> newestFirst, int count, YearMonth oldestRead) {
        if (newestFirst.size() < count) {
            return false;
        }
        LocalDate oldest = newestFirst.stream().skip(count - 1L).findFirst().orElseThrow();
        return !YearMonth.from(oldest.minusDays(1)).isBefore(oldestRead);
    }

    /** Per month, the attributes one update sets and those it removes. */
    private static final class MonthUpdates {
        private final Map<YearMonth, Map<String, String>> set = new TreeMap<>();
        private final Map<YearMonth, List<String>> removed = new TreeMap<>();

        /** Each day's tallies, and its progress marks: set when the run has them, removed when not (a recompute's). */
        static MonthUpdates of(
                Map<LocalDate, SideTally> customer,
                Map<LocalDate, SideTally> employee,
                DayProgress progress,
                Instant computedAt) {
            MonthUpdates updates = new MonthUpdates();
            customer.forEach((day, tally) -> {
                SettledCustomers settled = progress.settled().get(day);
                updates.put(
                        day,
                        TallyItem.tallyName(day, Side.CUSTOMER),
                        TallyItem.customerTally(tally, computedAt),
                        TallyItem.settledName(day),
                        settled == null ? null : TallyItem.settled(settled));
            });
            employee.forEach((day, tally) -> {
                Instant readAt = progress.employeesReadAt().get(day);
                updates.put(
                        day,
                        TallyItem.tallyName(day, Side.EMPLOYEE),
                        TallyItem.encode(tally),
                        TallyItem.employeesReadName(day),
                        readAt == null ? null : TallyItem.employeesRead(readAt));
            });
            return updates;
        }

        private void put(LocalDate day, String tallyName, String tally, String markName, String markValue) {
            YearMonth month = YearMonth.from(day);
            Map<String, String> attributes = set.computeIfAbsent(month, m -> new TreeMap<>());
            attributes.put(tallyName, tally);
            if (markValue != null) {
                attributes.put(markName, markValue);
            } else {
                removed.computeIfAbsent(month, m -> new ArrayList<>()).add(markName);
            }
        }

        Set<YearMonth> months() {
            return set.keySet();
        }

        boolean has(YearMonth month) {
            return set.containsKey(month);
        }

        /** Forgets this update's days that a newer run than {@code computedAt} has set in {@code stored}. */
        void dropDaysNewerThan(YearMonth month, Instant computedAt, Map<String, AttributeValue> stored) {
            for (LocalDate day : days(month)) {
                AttributeValue time = stored == null ? null : stored.get(TallyItem.computedForName(day));
                if (time != null && Long.parseLong(time.n()) > computedAt.getEpochSecond()) {
                    String prefix = day + "#";
                    set.get(month).keySet().removeIf(name -> name.startsWith(prefix));
                    removed.getOrDefault(month, new ArrayList<>()).removeIf(name -> name.startsWith(prefix));
                }
            }
            if (set.get(month).isEmpty()) {
                set.remove(month);
                removed.remove(month);
            }
        }

        private Set<LocalDate> days(YearMonth month) {
            Set<LocalDate> days = new TreeSet<>();
            set.get(month).keySet().forEach(name -> days.add(LocalDate.parse(name.substring(0, 10))));
            removed.getOrDefault(month, List.of()).forEach(name -> days.add(LocalDate.parse(name.substring(0, 10))));
            return days;
        }

        /**
         * {@code SET #d0 = :t0, …, #w0 = :at, … REMOVE #dn, …} on the unit's month item, if no day of it
         * was set by a newer run ({@link TallyStore#newerWins}), returning the item as it stands after.
         */
        UpdateItemRequest request(String tableName, String unitId, YearMonth month, Instant computedAt) {
            StringBuilder update = new StringBuilder("SET ");
            StringBuilder condition = new StringBuilder();
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":at", AttributeValue.fromN(Long.toString(computedAt.getEpochSecond())));
            int i = 0;
            for (Map.Entry<String, String> attribute : set.get(month).entrySet()) {
                update.append(i == 0 ? "" : ", ")
                        .append("#d")
                        .append(i)
                        .append(" = :t")
                        .append(i);
                names.put("#d" + i, attribute.getKey());
                values.put(":t" + i, s(attribute.getValue()));
                i++;
            }
            int w = 0;
            for (LocalDate day : days(month)) {
                update.append(", #w").append(w).append(" = :at");
                condition
                        .append(w == 0 ? "" : " AND ")
                        .append("(attribute_not_exists(#w")
                        .append(w)
                        .append(") OR #w")
                        .append(w)
                        .append(" <= :at)");
                names.put("#w" + w, TallyItem.computedForName(day));
                w++;
            }
            String remove = " REMOVE ";
            for (String name : removed.getOrDefault(month, List.of())) {
                update.append(remove).append("#d").append(i);
                names.put("#d" + i, name);
                remove = ", ";
                i++;
            }
            return UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(SymmetryTable.tally(unitId, month))
                    .updateExpression(update.toString())
                    .conditionExpression(condition.toString())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)
                    .build();
        }
    }
}
