package app.symmetry.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import app.symmetry.indicator.SideTally;

/**
 * One unit's per-day tallies, both sides: the sufficient statistics every period is summed from.
 *
 * @param computedAt when the run that stored each day's tallies ran (a unit's day snapshot shows it)
 */
public record UnitDays(
        Map<LocalDate, SideTally> customer, Map<LocalDate, SideTally> employee, Map<LocalDate, Instant> computedAt) {

    public UnitDays {
        customer = Map.copyOf(customer);
        employee = Map.copyOf(employee);
        computedAt = Map.copyOf(computedAt);
    }

    public UnitDays(Map<LocalDate, SideTally> customer, Map<LocalDate, SideTally> employee) {
        this(customer, employee, Map.of());
    }

    /** These days and those of {@code other} (other days, as a unit's months read in two steps). */
    public UnitDays with(UnitDays other) {
        Map<LocalDate, SideTally> c = new HashMap<>(customer);
        Map<LocalDate, SideTally> e = new HashMap<>(employee);
        Map<LocalDate, Instant> t = new HashMap<>(computedAt);
        c.putAll(other.customer);
        e.putAll(other.employee);
        t.putAll(other.computedAt);
        return new UnitDays(c, e, t);
    }
}
