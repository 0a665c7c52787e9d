package app.symmetry.organisation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An organisation, its units and the questionnaire both sides answer.
 *
 * @param defaultLanguage {@code fr} or {@code en}: the language of what the organisation's people read
 *        (the e-mails a unit receives, the team page)
 */
public record Organisation(
        String id, String name, List<Unit> units, Questionnaire questionnaire, String defaultLanguage) {

    public static final List<String> LANGUAGES = List.of("fr", "en");

    public Organisation(String id, String name, List<Unit> units, Questionnaire questionnaire) {
        this(id, name, units, questionnaire, "en");
    }

    public Organisation {
        if (!LANGUAGES.contains(defaultLanguage)) {
            throw new IllegalArgumentException("defaultLanguage must be one of " + LANGUAGES);
        }
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
