package app.symmetry.anonymity;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
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
 * the next-smallest visible child is withheld too (as Viva Glint and Lattice do); applied across an
 * organisation's levels by {@link #complementary}.</li>
 * </ul>
 */
public record AnonymityPolicy(int k) {

    public static final int DEFAULT_K = 5;
    /** Below 3, two colleagues comparing notes could identify the third. */
    public static final int SMALLEST_K = 3;

    public static final AnonymityPolicy DEFAULT = new AnonymityPolicy(DEFAULT_K);

    public AnonymityPolicy {
        if (k < SMALLEST_K) {
            throw new IllegalArgumentException("k must be at least " + SMALLEST_K + ": " + k);
        }
    }

    /** Whether a count is large enough to show figures computed from it. */
    public boolean publishes(long n) {
        return n >= k;
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
        requireConsistent(parentN, childN);
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
        withholdUntilTheResidualIsSafe(parentN, childN, hidden);
        return hidden;
    }

    /** Counts no subtraction could come from: none negative, the children no more than the parent. */
    private static void requireConsistent(long parentN, Map<String, Long> childN) {
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
    }

    /**
     * Adds to {@code hidden} the smallest visible children until the parent minus the visible ones
     * (the residual) is 0 or at least k.
     */
    private void withholdUntilTheResidualIsSafe(long parentN, Map<String, Long> childN, Set<String> hidden) {
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
    }

    /**
     * The same rule applied to each dimension's rating counts separately, per dimension: which
     * children must not show that dimension's score. A child whose whole side is withheld counts as
     * hidden in every dimension. Dimensions a child did not answer count as 0.
     */
    public Map<String, Set<String>> suppressedChildDimensions(
            Map<String, Long> parentDimensionN,
            Map<String, Map<String, Long>> childDimensionN,
            Set<String> suppressedChildren) {
        TreeSet<String> dimensionIds = new TreeSet<>(parentDimensionN.keySet());
        childDimensionN.values().forEach(dims -> dimensionIds.addAll(dims.keySet()));
        Map<String, Set<String>> out = new TreeMap<>();
        for (String dimension : dimensionIds) {
            Map<String, Long> counts = new HashMap<>();
            childDimensionN.forEach((child, dims) -> counts.put(child, dims.getOrDefault(dimension, 0L)));
            out.put(
                    dimension,
                    suppressedChildren(parentDimensionN.getOrDefault(dimension, 0L), counts, suppressedChildren));
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

    /**
     * Complementary suppression across an organisation's levels for one period: units within their
     * region, then regions within the organisation, whole sides and single dimensions, so that a parent
     * minus its visible children never leaves 1 to k − 1 people. Then two cases the planner cannot see
     * from one level: a hidden region whose units all show would be their sum, so its smallest unit is
     * hidden too; and the same per dimension, for a region's hidden score whose answering units all
     * show theirs.
     *
     * @param withheld the groups already withheld for other reasons (too small, period still open):
     *        they stay hidden; the planner is given their true size and decides the rest
     * @return what this rule withholds beyond {@code withheld}
     */
    public Withholding complementary(OrganisationCounts groups, Set<String> withheld) {
        Set<String> hidden = new HashSet<>(withheld);
        Map<String, Set<String>> hiddenDimensions = new HashMap<>();
        Map<String, GroupCounts> regionCounts = new LinkedHashMap<>();
        groups.unitsByRegion().forEach((region, units) -> {
            regionCounts.put(region, groups.of(region));
            Map<String, GroupCounts> unitCounts = new LinkedHashMap<>();
            units.forEach(unit -> unitCounts.put(unit, groups.of(unit)));
            add(plan(groups.of(region), unitCounts), hidden, hiddenDimensions);
        });
        add(plan(groups.of(groups.organisation()), regionCounts), hidden, hiddenDimensions);
        groups.unitsByRegion().forEach((region, units) -> hideOneUnitOfAHiddenRegion(groups, region, units, hidden));
        groups.unitsByRegion()
                .forEach((region, units) ->
                        hideOneScoreOfAHiddenRegionScore(groups, region, units, hidden, hiddenDimensions));
        hidden.removeAll(withheld);
        return new Withholding(hidden, hiddenDimensions);
    }

    private static void add(SuppressionPlan plan, Set<String> hidden, Map<String, Set<String>> hiddenDimensions) {
        hidden.addAll(plan.suppressedChildren());
        plan.suppressedDimensions()
                .forEach((child, dims) -> hiddenDimensions
                        .computeIfAbsent(child, c -> new HashSet<>())
                        .addAll(dims));
    }

    /** A hidden region whose units all show would be their sum: its smallest unit is hidden as well. */
    private static void hideOneUnitOfAHiddenRegion(
            OrganisationCounts groups, String region, List<String> units, Set<String> hidden) {
        if (!hidden.contains(region)
                || groups.of(region).n() == 0
                || units.stream().anyMatch(hidden::contains)) {
            return;
        }
        units.stream()
                .min(Comparator.comparingLong(unit -> groups.of(unit).n()))
                .ifPresent(hidden::add);
    }

    /** The same per dimension: a region's hidden score whose answering units all show theirs is their sum. */
    private void hideOneScoreOfAHiddenRegionScore(
            OrganisationCounts groups,
            String region,
            List<String> units,
            Set<String> hidden,
            Map<String, Set<String>> hiddenDimensions) {
        for (String dimension : groups.of(region).dimensions().keySet()) {
            if (!scoreHidden(groups, region, dimension, hidden, hiddenDimensions)) {
                continue;
            }
            List<String> answering = units.stream()
                    .filter(unit -> groups.of(unit).dimension(dimension) > 0)
                    .toList();
            if (answering.stream().noneMatch(unit -> scoreHidden(groups, unit, dimension, hidden, hiddenDimensions))) {
                answering.stream()
                        .min(Comparator.comparingLong(unit -> groups.of(unit).dimension(dimension)))
                        .ifPresent(unit -> hiddenDimensions
                                .computeIfAbsent(unit, u -> new HashSet<>())
                                .add(dimension));
            }
        }
    }

    private boolean scoreHidden(
            OrganisationCounts groups,
            String group,
            String dimension,
            Set<String> hidden,
            Map<String, Set<String>> hiddenDimensions) {
        return hidden.contains(group)
                || hiddenDimensions.getOrDefault(group, Set.of()).contains(dimension)
                || !publishes(groups.of(group).dimension(dimension));
    }
}
