package app.symmetry.anonymity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The employee counts of one period at every level of an organisation: the organisation, its regions
 * and their units, each under an id of the caller's (distinct across levels).
 */
public record OrganisationCounts(
        String organisation, Map<String, List<String>> unitsByRegion, Map<String, GroupCounts> counts) {

    public OrganisationCounts {
        Map<String, List<String>> regions = new LinkedHashMap<>();
        unitsByRegion.forEach((region, units) -> regions.put(region, List.copyOf(units)));
        unitsByRegion = Collections.unmodifiableMap(regions);
        counts = Map.copyOf(counts);
        requireCounts(counts, organisation);
        for (Map.Entry<String, List<String>> region : regions.entrySet()) {
            requireCounts(counts, region.getKey());
            for (String unit : region.getValue()) {
                requireCounts(counts, unit);
            }
        }
    }

    public GroupCounts of(String group) {
        return counts.get(group);
    }

    private static void requireCounts(Map<String, GroupCounts> counts, String group) {
        if (!counts.containsKey(group)) {
            throw new IllegalArgumentException("no counts for " + group);
        }
    }
}
