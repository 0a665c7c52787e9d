package app.symmetry.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import app.symmetry.indicator.SideTally;

/**
 * How far scheduled runs got through one unit's days, kept with its tallies: the customers settled
 * so far, and when the employee answers were last read whole (they carry no time, so they are
 * re-read until a read falls a settle time after the day's end). A recompute keeps none of it: the
 * next scheduled run reads those days whole again, so a recompute also repairs this.
 */
public record DayProgress(
        Map<LocalDate, SettledCustomers> settled,
        Map<LocalDate, Instant> employeesReadAt,
        Map<LocalDate, SideTally> employees) {

    public static final DayProgress NONE = new DayProgress(Map.of(), Map.of());

    /**
     * @param employees the employee tallies those reads stored: a run that reads a finished day's employees
     *        again and finds the same has nothing to write
     */
    public DayProgress {
        settled = Map.copyOf(settled);
        employeesReadAt = Map.copyOf(employeesReadAt);
        employees = Map.copyOf(employees);
    }

    /** Marks to store: the tallies travel beside them, in the same update. */
    public DayProgress(Map<LocalDate, SettledCustomers> settled, Map<LocalDate, Instant> employeesReadAt) {
        this(settled, employeesReadAt, Map.of());
    }

    /** The employee tally stored for {@code day}: none stored is no answer. */
    public SideTally employees(LocalDate day) {
        return employees.getOrDefault(day, SideTally.empty());
    }

    /** Whether {@code day}'s employee answers were read a settle time after its end: all of them are in. */
    public boolean employeesFinal(LocalDate day, Instant dayEnd, Duration settle) {
        Instant readAt = employeesReadAt.get(day);
        return readAt != null && !readAt.minus(settle).isBefore(dayEnd);
    }
}
