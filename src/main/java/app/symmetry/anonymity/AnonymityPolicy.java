package app.symmetry.anonymity;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import app.symmetry.indicator.SideFigures;

/**
 * The employee-side rules: no figure may describe, directly or by subtraction, fewer than
 * {@code k} people.
 *
 * <ul>
 * <li>a group with fewer than k answers shows no employee figure; a dimension with fewer than k
 * ratings shows no score;</li>
 * <li>complementary suppression: among the children of a published group (units of a region,
 * days of a month...), the parent minus the visible children must be 0 or at least k, otherwise
 * the next-smallest visible child is withheld too (as Viva Glint and Lattice do);</li>
 * <li>a filter whose complement is under k is refused (as Culture Amp does);</li>
 * <li>comments need a larger group ({@code commentMinimum}, 10 by default, as Glint requires).</li>
 * </ul>
 */
public record AnonymityPolicy(int k, int commentMinimum) {

    public static final int DEFAULT_K = 5;
    /** Below 3, two colleagues comparing notes could identify the third. */
    public static final int SMALLEST_K = 3;
    public static final int DEFAULT_COMMENT_MINIMUM = 10;

    public static final AnonymityPolicy DEFAULT = new AnonymityPolicy(DEFAULT_K);

    public AnonymityPolicy {
        if (k < SMALLEST_K) {
            throw new IllegalArgumentException("k must be at least " + SMALLEST_K + ": " + k);
        }
        if (commentMinimum < k) {
            throw new IllegalArgumentException("comments need at least k = " + k + " answers: " + commentMinimum);
        }
    }

    /** Comments keep the default minimum of 10, or k when k is larger. */
    public AnonymityPolicy(int k) {
        this(k, Math.max(DEFAULT_COMMENT_MINIMUM, k));
    }

    /** Whether a count is large enough to show figures computed from it. */
    public boolean publishes(long n) {
        return n >= k;
    }

    public boolean allowsComments(long n) {
        return n >= commentMinimum;
    }

    /**
     * Whether a filtered view (a team, a seniority band...) may be shown: refused when what it
     * leaves out is a group of 1 to k − 1, which the parent minus this view would reveal. The
     * view itself still goes through the usual suppression.
     */
    public boolean allowsFilter(long groupN, long complementN) {
        if (groupN < 0 || complementN < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        return complementN == 0 || complementN >= k;
    }

    /**
     * The employee figures as they may be shown: empty when the side is under k, otherwise without
     * the dimensions under k and without those the complementary rule withholds.
     */
    public Optional<SideFigures> publish(SideFigures employee, Set<String> alsoWithheldDimensions) {
        if (!publishes(employee.n())) {
            return Optional.empty();
        }
        Set<String> withheld = new HashSet<>(alsoWithheldDimensions);
        employee.dimensions().forEach((id, score) -> {
            if (!publishes(score.n())) {
                withheld.add(id);
            }
        });
        return Optional.of(employee.withoutDimensions(withheld));
    }

    public Optional<SideFigures> publish(SideFigures employee) {
        return publish(employee, Set.of());
    }

    /**
     * Which children of a group to withhold so that no child under k is shown and no subtraction
     * of visible children from the parent reveals a group under k.
     *
     * <p>The children must not add up to more than the parent; if they add up to less, the part
     * they do not cover counts as hidden, which is what an attacker would face too. When the
     * parent itself is under k, every child with answers is withheld.
     */
    public Set<String> suppressedChildren(long parentN, Map<String, Long> childN) {
        return suppressedChildren(parentN, childN, Set.of());
    }

    private Set<String> suppressedChildren(long parentN, Map<String, Long> childN, Set<String> alreadyHidden) {
        if (parentN < 0) {
            throw new IllegalArgumentException("parent count must not be negative");
        }
        long total = 0;
        for (Map.Entry<String, Long> e : childN.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("count of " + e.getKey() + " must not be negative");
            }
            total = Math.addExact(total, e.getValue());
        }
        if (total > parentN) {
            throw new IllegalArgumentException("children add up to " + total + ", more than the parent's " + parentN);
        }
        TreeSet<String> hidden = new TreeSet<>();
        if (!publishes(parentN)) {
            childN.forEach((id, n) -> {
                if (n > 0) {
                    hidden.add(id);
                }
            });
            return hidden;
        }
        childN.forEach((id, n) -> {
            if (n > 0 && (!publishes(n) || alreadyHidden.contains(id))) {
                hidden.add(id);
            }
        });
        long visible = childN.entrySet().stream()
                .filter(e -> !hidden.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
        long residual = parentN - visible;
        // Smallest first, then by id so that the same counts always give the same answer.
        Comparator<Map.Entry<String, Long>> smallestFirst =
                Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey());
        while (residual != 0 && !publishes(residual)) {
            Map.Entry<String, Long> next = childN.entrySet().stream()
                    .filter(e -> e.getValue() > 0 && !hidden.contains(e.getKey()))
                    .min(smallestFirst)
                    // Cannot happen: with no visible child left the residual is the parent, which is at least k.
                    .orElseThrow(() -> new IllegalStateException("no child left to withhold"));
            hidden.add(next.getKey());
            residual += next.getValue();
        }
        return hidden;
    }

    /**
     * The same rule applied to each dimension's rating counts separately, per dimension: which
     * children must not show that dimension's score. A child whose whole side is withheld counts as
     * hidden in every dimension. Dimensions a child did not answer count as 0.
     */
    public Map<String, Set<String>> suppressedChildDimensions(Map<String, Long> parentDimensionN,
            Map<String, Map<String, Long>> childDimensionN, Set<String> suppressedChildren) {
        TreeSet<String> dimensionIds = new TreeSet<>(parentDimensionN.keySet());
        childDimensionN.values().forEach(dims -> dimensionIds.addAll(dims.keySet()));
        Map<String, Set<String>> out = new TreeMap<>();
        for (String dimension : dimensionIds) {
            Map<String, Long> counts = new HashMap<>();
            childDimensionN.forEach((child, dims) -> counts.put(child, dims.getOrDefault(dimension, 0L)));
            out.put(dimension, suppressedChildren(parentDimensionN.getOrDefault(dimension, 0L), counts,
                    suppressedChildren));
        }
        return out;
    }

    /** Both rules at once for the children of one group. */
    public SuppressionPlan plan(GroupCounts parent, Map<String, GroupCounts> children) {
        Map<String, Long> childN = new HashMap<>();
        Map<String, Map<String, Long>> childDims = new HashMap<>();
        children.forEach((id, counts) -> {
            childN.put(id, counts.n());
            childDims.put(id, counts.dimensions());
        });
        Set<String> suppressed = suppressedChildren(parent.n(), childN);
        Map<String, Set<String>> byDimension = suppressedChildDimensions(parent.dimensions(), childDims, suppressed);
        Map<String, Set<String>> byChild = new TreeMap<>();
        byDimension.forEach((dimension, hiddenChildren) -> hiddenChildren.forEach(child -> {
            if (!suppressed.contains(child)) {
                byChild.computeIfAbsent(child, c -> new TreeSet<>()).add(dimension);
            }
        }));
        return new SuppressionPlan(suppressed, byChild);
    }
}
