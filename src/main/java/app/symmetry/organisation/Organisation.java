package app.symmetry.organisation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** An organisation, its units and the questionnaire both sides answer. */
public record Organisation(String id, String name, List<Unit> units, Questionnaire questionnaire) {

    public Organisation {
        units = List.copyOf(units);
        Map<String, Long> ids = units.stream().collect(Collectors.groupingBy(Unit::id, Collectors.counting()));
        ids.forEach((unitId, count) -> {
            if (count > 1) {
                throw new IllegalArgumentException("unit id " + unitId + " appears " + count + " times");
            }
        });
    }

    public Optional<Unit> unit(String unitId) {
        return units.stream().filter(u -> u.id().equals(unitId)).findFirst();
    }

    /** Regions in order of first appearance, each with its units. */
    public Map<String, List<Unit>> unitsByRegion() {
        return units.stream().collect(Collectors.groupingBy(Unit::region, java.util.LinkedHashMap::new,
                Collectors.toList()));
    }
}
