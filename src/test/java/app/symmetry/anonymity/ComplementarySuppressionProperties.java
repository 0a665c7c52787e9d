package app.symmetry.anonymity;

import static app.symmetry.testing.RandomCases.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Random hierarchies (a parent with 1–12 children of 0–40 answers, k from 3 to 8, sometimes a few
 * answers no child covers) attacked from the outside: every difference an attacker can form from
 * published counts must be 0 or at least k. Checked by enumerating subsets, not by the rule the
 * implementation uses.
 */
class ComplementarySuppressionProperties {

    record Hierarchy(int k, Map<String, Long> children, long uncovered) {
        long parent() {
            return children.values().stream().mapToLong(Long::longValue).sum() + uncovered;
        }
    }

    record TwoHierarchies(Hierarchy sideCounts, Hierarchy listeningShape) {}

    static final long[] COUNT_EDGES = {0, 1, 40};

    static Hierarchy hierarchy(SplittableRandom random) {
        int k = random.nextInt(3, 9);
        Map<String, Long> children = new LinkedHashMap<>();
        for (int i = 0, size = random.nextInt(1, 13); i < size; i++) {
            // the ends of the range (empty, a single answer, the largest) one time in ten
            children.put(
                    "child-" + i,
                    random.nextInt(10) == 0 ? COUNT_EDGES[random.nextInt(COUNT_EDGES.length)] : random.nextInt(41));
        }
        long uncovered = random.nextInt(5) == 0 ? random.nextInt(1, 7) : 0;
        return new Hierarchy(k, children, uncovered);
    }

    static void assertNoSmallGroupIsRevealed(int k, long parent, Map<String, Long> children, Set<String> hidden) {
        List<Long> visible = new ArrayList<>();
        children.forEach((id, n) -> {
            if (!hidden.contains(id)) {
                assertThat(n)
                        .as("published child %s", id)
                        .satisfiesAnyOf(
                                x -> assertThat(x).isZero(), x -> assertThat(x).isGreaterThanOrEqualTo(k));
                visible.add(n);
            }
        });
        if (parent < k) {
            assertThat(visible).allMatch(n -> n == 0);
            return;
        }
        for (int mask = 0; mask < (1 << visible.size()); mask++) {
            long revealed = parent;
            for (int i = 0; i < visible.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    revealed -= visible.get(i);
                }
            }
            assertThat(revealed == 0 || revealed >= k)
                    .as("parent %d minus visible subset %s reveals %d (k=%d)", parent, mask, revealed, k)
                    .isTrue();
        }
    }

    @Test
    void noSubtractionRevealsAGroupUnderK() {
        forAll(2000, ComplementarySuppressionProperties::hierarchy, h -> {
            AnonymityPolicy policy = new AnonymityPolicy(h.k());
            Set<String> hidden = policy.suppressedChildren(h.parent(), h.children());
            assertNoSmallGroupIsRevealed(h.k(), h.parent(), h.children(), hidden);
        });
    }

    @Test
    void nothingIsHiddenWhenNothingNeedsHiding() {
        forAll(1000, ComplementarySuppressionProperties::hierarchy, h -> {
            AnonymityPolicy policy = new AnonymityPolicy(h.k());
            boolean allLargeOrEmpty = h.children().values().stream().allMatch(n -> n == 0 || n >= h.k());
            if (allLargeOrEmpty && h.uncovered() == 0 && h.parent() >= h.k()) {
                assertThat(policy.suppressedChildren(h.parent(), h.children())).isEmpty();
            }
        });
    }

    @Test
    void eachDimensionIsProtectedLikeTheSide() {
        forAll(
                1000,
                random -> new TwoHierarchies(hierarchy(random), hierarchy(random)),
                two -> eachDimensionIsProtectedLikeTheSide(two.sideCounts(), two.listeningShape()));
    }

    private static void eachDimensionIsProtectedLikeTheSide(Hierarchy sideCounts, Hierarchy listeningShape) {
        AnonymityPolicy policy = new AnonymityPolicy(sideCounts.k());
        // Dimension counts: a random share of each child's answers (never more than n).
        Map<String, GroupCounts> children = new LinkedHashMap<>();
        List<Long> shape = new ArrayList<>(listeningShape.children().values());
        long parentListening = 0;
        int i = 0;
        for (Map.Entry<String, Long> e : sideCounts.children().entrySet()) {
            long n = e.getValue();
            long listening = Math.min(n, shape.get(i++ % shape.size()));
            parentListening += listening;
            children.put(e.getKey(), new GroupCounts(n, Map.of("listening", listening)));
        }
        GroupCounts parent = new GroupCounts(sideCounts.parent(), Map.of("listening", parentListening));
        SuppressionPlan plan = policy.plan(parent, children);

        assertNoSmallGroupIsRevealed(sideCounts.k(), parent.n(), sideCounts.children(), plan.suppressedChildren());
        Map<String, Long> listeningByChild = new LinkedHashMap<>();
        children.forEach((id, c) -> listeningByChild.put(id, c.dimension("listening")));
        Set<String> listeningHidden = new HashSet<>(plan.suppressedChildren());
        children.keySet().forEach(id -> {
            if (plan.suppressedDimensions().getOrDefault(id, Set.of()).contains("listening")) {
                listeningHidden.add(id);
            }
        });
        assertNoSmallGroupIsRevealed(sideCounts.k(), parentListening, listeningByChild, listeningHidden);
    }
}
