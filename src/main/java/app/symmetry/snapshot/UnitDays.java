package app.symmetry.snapshot;

import java.time.LocalDate;
import java.util.Map;

import app.symmetry.indicator.SideTally;

/** One unit's per-day tallies, both sides: the sufficient statistics every period is summed from. */
public record UnitDays(Map<LocalDate, SideTally> customer, Map<LocalDate, SideTally> employee) {

    public UnitDays {
        customer = Map.copyOf(customer);
        employee = Map.copyOf(employee);
    }
}
