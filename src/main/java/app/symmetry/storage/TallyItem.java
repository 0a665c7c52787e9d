package app.symmetry.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.domain.SettledCustomers;
import app.symmetry.domain.Side;
import app.symmetry.domain.UnitDays;
import app.symmetry.indicator.DimensionTally;
import app.symmetry.indicator.SideTally;

/**
 * A unit's month of tallies as a table item ({@code TALLY#unit} / {@code 2026-11}), one attribute per
 * day and what is kept of it:
 * <ul>
 * <li>{@code 2026-11-23#C}: the customers' tally and the time of the run that computed it,
 * {@code <tally>@<epochSeconds>} (one attribute, so an update sets no more of them; a unit's day
 * snapshot is computed from it when read, and shows that time);</li>
 * <li>{@code 2026-11-23#E}: the employees' tally;</li>
 * <li>{@code 2026-11-23#S}: the settled customers, their tally and the time they run up to, stamped
 * the same way;</li>
 * <li>{@code 2026-11-23#R}: when the employee answers were last read whole (epoch seconds);</li>
 * <li>{@code 2026-11-23#T}: the time of the run that last set the day (a number, epoch seconds): only a run
 * for that time or later sets it again ({@link TallyStore}), so overlapping runs end with the newer one's.</li>
 * </ul>
 * A tally is {@code n|promoters|detractors|dim:count:sum,…}: compact, and readable in the console.
 */
final class TallyItem {

    private static final String SETTLED = "#S";
    private static final String EMPLOYEES_READ = "#R";
    private static final String COMPUTED_FOR = "#T";
    private static final Pattern DAY_SIDE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}#[CE]");

    private TallyItem() {}

    static String tallyName(LocalDate day, Side side) {
        return day + "#" + side.mark();
    }

    static String settledName(LocalDate day) {
        return day + SETTLED;
    }

    static String computedForName(LocalDate day) {
        return day + COMPUTED_FOR;
    }

    static String employeesReadName(LocalDate day) {
        return day + EMPLOYEES_READ;
    }

    static String customerTally(SideTally tally, Instant computedAt) {
        return stamped(tally, computedAt);
    }

    static String settled(SettledCustomers settled) {
        return stamped(settled.tally(), settled.before());
    }

    static String employeesRead(Instant at) {
        return Long.toString(at.getEpochSecond());
    }

    /**
     * The progress attributes of a month item and its employee tallies (as {@link TallyStore#progress}
     * projects them), added to the maps given.
     */
    static void readProgress(
            Map<String, AttributeValue> item,
            Map<LocalDate, SettledCustomers> settled,
            Map<LocalDate, Instant> employeesRead,
            Map<LocalDate, SideTally> employees) {
        item.forEach((name, value) -> {
            if (name.endsWith(SETTLED)) {
                settled.put(day(name), new SettledCustomers(tallyOf(value.s()), timeOf(value.s())));
            } else if (name.endsWith(EMPLOYEES_READ)) {
                employeesRead.put(day(name), Instant.ofEpochSecond(Long.parseLong(value.s())));
            } else if (DAY_SIDE.matcher(name).matches() && name.endsWith("#" + Side.EMPLOYEE.mark())) {
                employees.put(day(name), decode(value.s()));
            }
        });
    }

    /** The tallies of month items within {@code from}..{@code to}, as they are read. */
    static final class Days {
        final TreeMap<LocalDate, SideTally> customer = new TreeMap<>();
        private final Map<LocalDate, SideTally> employee = new HashMap<>();
        private final Map<LocalDate, Instant> computedAt = new HashMap<>();
        private final LocalDate from;
        private final LocalDate to;

        Days(LocalDate from, LocalDate to) {
            this.from = from;
            this.to = to;
        }

        void add(Map<String, AttributeValue> item) {
            item.forEach((name, value) -> {
                if (!DAY_SIDE.matcher(name).matches()) {
                    return;
                }
                LocalDate day = day(name);
                if (day.isBefore(from) || day.isAfter(to)) {
                    return;
                }
                String text = value.s();
                if (name.endsWith("#" + Side.EMPLOYEE.mark())) {
                    employee.put(day, decode(text));
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

    private static LocalDate day(String attribute) {
        return LocalDate.parse(attribute.substring(0, 10));
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

    static String encode(SideTally t) {
        StringBuilder s = new StringBuilder()
                .append(t.n())
                .append('|')
                .append(t.promoters())
                .append('|')
                .append(t.detractors())
                .append('|');
        String sep = "";
        for (Map.Entry<String, DimensionTally> d : t.dimensions().entrySet()) {
            s.append(sep)
                    .append(d.getKey())
                    .append(':')
                    .append(d.getValue().count())
                    .append(':')
                    .append(d.getValue().sum());
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
