package app.symmetry.anonymity;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What must be withheld among the children of one group: whole employee sides, and single
 * dimensions of the children whose side is otherwise published.
 */
public record SuppressionPlan(Set<String> suppressedChildren, Map<String, Set<String>> suppressedDimensions) {

    public SuppressionPlan {
        suppressedChildren = Collections.unmodifiableSortedSet(new TreeSet<>(suppressedChildren));
        TreeMap<String, Set<String>> dims = new TreeMap<>();
        suppressedDimensions.forEach((child, ids) -> {
            if (!ids.isEmpty()) {
                dims.put(child, Collections.unmodifiableSortedSet(new TreeSet<>(ids)));
            }
        });
        suppressedDimensions = Collections.unmodifiableSortedMap(dims);
    }
}
