package app.symmetry.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * How far scheduled runs got through one unit's days, kept with its tallies: the customers settled
 * so far, and when the employee answers were last read whole (they carry no time, so they are
 * re-read until a read falls a settle time after the day's end). A recompute keeps none of it: the
 * next scheduled run reads those days whole again, so a recompute also repairs this.
 */
public record DayProgress(Map<LocalDate, SettledCustomers> settled, Map<LocalDate, Instant> employeesReadAt) {

    public static final DayProgress NONE = new DayProgress(Map.of(), Map.of());

    public DayProgress {
        settled = Map.copyOf(settled);
        employeesReadAt = Map.copyOf(employeesReadAt);
    }

    /** Whether {@code day}'s employee answers were read a settle time after its end: all of them are in. */
    public boolean employeesFinal(LocalDate day, Instant dayEnd, Duration settle) {
        Instant readAt = employeesReadAt.get(day);
        return readAt != null && !readAt.minus(settle).isBefore(dayEnd);
    }
}
