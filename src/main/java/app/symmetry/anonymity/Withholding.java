package app.symmetry.anonymity;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the complementary rule withholds: whole employee sides, and single dimensions' scores. */
public record Withholding(Set<String> groups, Map<String, Set<String>> dimensions) {

    public Withholding {
        groups = Collections.unmodifiableSortedSet(new TreeSet<>(groups));
        TreeMap<String, Set<String>> dims = new TreeMap<>();
        dimensions.forEach((group, ids) -> dims.put(group, Collections.unmodifiableSortedSet(new TreeSet<>(ids))));
        dimensions = Collections.unmodifiableSortedMap(dims);
    }
}
