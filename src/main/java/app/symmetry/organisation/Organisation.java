package app.symmetry.organisation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An organisation, its units and the questionnaire both sides answer.
 * <p>
 * Plain loops rather than streams: every function builds this on its first call, where each
 * stream pipeline and lambda is one more class spun up during the cold start.
 */
public record Organisation(String id, String name, List<Unit> units, Questionnaire questionnaire) {

    public Organisation {
        units = List.copyOf(units);
        Set<String> ids = new HashSet<>();
        for (Unit unit : units) {
            if (!ids.add(unit.id())) {
                long count = units.stream().filter(u -> u.id().equals(unit.id())).count();
                throw new IllegalArgumentException("unit id " + unit.id() + " appears " + count + " times");
            }
        }
    }

    public Optional<Unit> unit(String unitId) {
        for (Unit unit : units) {
            if (unit.id().equals(unitId)) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }

    /** Regions in order of first appearance, each with its units. */
    public Map<String, List<Unit>> unitsByRegion() {
        Map<String, List<Unit>> regions = new LinkedHashMap<>();
        for (Unit unit : units) {
            regions.computeIfAbsent(unit.region(), r -> new ArrayList<>()).add(unit);
        }
        return regions;
    }
}
