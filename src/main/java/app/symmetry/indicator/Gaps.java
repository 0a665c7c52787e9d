package app.symmetry.indicator;

import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Where the mirror breaks: per dimension present on both sides, employee score minus customer
 * score (negative when customers get more attention than staff receive), and
 * {@code symmetry = 100 − mean |gap|}.
 */
public record Gaps(Map<String, Double> byDimension, OptionalDouble symmetry) {

    public static final Gaps NONE = new Gaps(Map.of(), OptionalDouble.empty());

    public Gaps {
        byDimension = Collections.unmodifiableSortedMap(new TreeMap<>(byDimension));
    }

    public static Gaps between(SideFigures customer, SideFigures employee) {
        TreeMap<String, Double> gaps = new TreeMap<>();
        customer.dimensions().forEach((id, customerScore) -> {
            DimensionScore employeeScore = employee.dimensions().get(id);
            if (employeeScore != null) {
                gaps.put(id, employeeScore.score() - customerScore.score());
            }
        });
        OptionalDouble meanAbsGap =
                gaps.values().stream().mapToDouble(Math::abs).average();
        OptionalDouble symmetry =
                meanAbsGap.isPresent() ? OptionalDouble.of(100.0 - meanAbsGap.getAsDouble()) : OptionalDouble.empty();
        return new Gaps(gaps, symmetry);
    }
}
