package app.symmetry.indicator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One figure (typically the attention index) per unit for one period, on each side. Only units
 * whose figure is published belong here: an employee side withheld for anonymity is left out, so
 * the correlation cannot be used to infer it.
 */
public record UnitValues(Map<String, Double> employee, Map<String, Double> customer) {

    public UnitValues {
        employee = finiteCopy(employee, "employee");
        customer = finiteCopy(customer, "customer");
    }

    private static Map<String, Double> finiteCopy(Map<String, Double> values, String side) {
        TreeMap<String, Double> copy = new TreeMap<>();
        values.forEach((unit, value) -> {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException(side + " value of " + unit + " must be a finite number");
            }
            copy.put(unit, value);
        });
        return Collections.unmodifiableSortedMap(copy);
    }
}
