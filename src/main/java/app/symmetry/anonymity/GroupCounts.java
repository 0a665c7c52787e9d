package app.symmetry.anonymity;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import app.symmetry.indicator.SideTally;

/** The counts that anonymity is judged on: a group's answers, and the ratings of each dimension. */
public record GroupCounts(long n, Map<String, Long> dimensions) {

    public GroupCounts {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative");
        }
        TreeMap<String, Long> copy = new TreeMap<>();
        dimensions.forEach((id, count) -> {
            if (count == null || count < 0 || count > n) {
                throw new IllegalArgumentException("dimension " + id + " count must be from 0 to n: " + count);
            }
            copy.put(id, count);
        });
        dimensions = Collections.unmodifiableSortedMap(copy);
    }

    public static GroupCounts of(SideTally tally) {
        TreeMap<String, Long> dims = new TreeMap<>();
        tally.dimensions().forEach((id, dim) -> dims.put(id, dim.count()));
        return new GroupCounts(tally.n(), dims);
    }

    public long dimension(String id) {
        return dimensions.getOrDefault(id, 0L);
    }
}
