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

    public SideTally customerOver(LocalDate from, LocalDate to) {
        return sum(customer, from, to);
    }

    public SideTally employeeOver(LocalDate from, LocalDate to) {
        return sum(employee, from, to);
    }

    private static SideTally sum(Map<LocalDate, SideTally> days, LocalDate from, LocalDate to) {
        SideTally total = SideTally.empty();
        for (Map.Entry<LocalDate, SideTally> day : days.entrySet()) {
            if (!day.getKey().isBefore(from) && !day.getKey().isAfter(to)) {
                total = total.plus(day.getValue());
            }
        }
        return total;
    }
}
