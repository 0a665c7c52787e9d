package app.symmetry.organisation;

import java.util.LinkedHashMap;
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

    /** The units whose answers are pooled into regions and the organisation: all but the smoke units. */
    public List<Unit> pooledUnits() {
        return units.stream().filter(u -> !u.smoke()).toList();
    }

    /** The smoke units: each is a group of its own, in no region and not in the organisation. */
    public List<Unit> smokeUnits() {
        return units.stream().filter(Unit::smoke).toList();
    }

    /** Regions in order of first appearance, each with its pooled units (a region of smoke units alone is none). */
    public Map<String, List<Unit>> unitsByRegion() {
        return pooledUnits().stream()
                .collect(Collectors.groupingBy(Unit::region, LinkedHashMap::new, Collectors.toList()));
    }
}
