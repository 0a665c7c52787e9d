package app.symmetry.anonymity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import app.symmetry.indicator.SideFigures;
import app.symmetry.indicator.SideTally;

class AnonymityPolicyTest {

    private final AnonymityPolicy policy = AnonymityPolicy.DEFAULT;

    @ParameterizedTest
    @ValueSource(ints = {2, 1, 0, -5})
    void kBelowThreeIsRefused(int k) {
        assertThatThrownBy(() -> new AnonymityPolicy(k)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGroupOfFiveIsShownAndOneOfFourIsNotByDefault() {
        assertThat(policy.k()).isEqualTo(5);
        assertThat(policy.publishes(4)).isFalse();
        assertThat(policy.publishes(5)).isTrue();
    }

    @Test
    void smallChildIsSuppressedWithTheNextSmallest() {
        // region of 30: units 3 (< k), 6, 9, 12. Hiding only the 3 would show 30 - 27 = 3.
        assertThat(policy.suppressedChildren(30, Map.of("a", 3L, "b", 6L, "c", 9L, "d", 12L)))
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void nothingIsSuppressedWhenAllChildrenAreLargeEnough() {
        assertThat(policy.suppressedChildren(30, Map.of("a", 5L, "b", 6L, "c", 19L)))
                .isEmpty();
        assertThat(policy.suppressedChildren(30, Map.of("a", 0L, "b", 30L))).isEmpty();
    }

    @Test
    void twoSmallChildrenTogetherAtLeastKNeedNothingMore() {
        assertThat(policy.suppressedChildren(30, Map.of("a", 2L, "b", 3L, "c", 25L)))
                .containsExactly("a", "b");
    }

    @Test
    void uncoveredPartCountsAsHidden() {
        // 2 answers belong to no child: showing both children would reveal them.
        assertThat(policy.suppressedChildren(22, Map.of("a", 8L, "b", 12L))).containsExactly("a");
        assertThatThrownBy(() -> policy.suppressedChildren(10, Map.of("a", 8L, "b", 12L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aParentUnderKHidesEveryChild() {
        assertThat(policy.suppressedChildren(4, Map.of("a", 1L, "b", 3L, "c", 0L)))
                .containsExactly("a", "b");
    }

    @Test
    void tiesAreBrokenByIdSoTheResultIsStable() {
        assertThat(policy.suppressedChildren(20, Map.of("x", 1L, "b", 6L, "a", 6L, "c", 7L)))
                .containsExactly("a", "x");
    }

    @Test
    void dimensionsAreProtectedSeparately() {
        GroupCounts parent = new GroupCounts(30, Map.of("listening", 30L, "ownership", 22L));
        Map<String, GroupCounts> children = Map.of(
                "a", new GroupCounts(10, Map.of("listening", 10L, "ownership", 2L)),
                "b", new GroupCounts(8, Map.of("listening", 8L, "ownership", 8L)),
                "c", new GroupCounts(12, Map.of("listening", 12L, "ownership", 12L)));
        SuppressionPlan plan = policy.plan(parent, children);
        assertThat(plan.suppressedChildren()).isEmpty();
        // ownership: a has 2 (< k), so the next smallest (b, 8) goes too.
        assertThat(plan.suppressedDimensions().getOrDefault("a", Set.of())).containsExactly("ownership");
        assertThat(plan.suppressedDimensions().getOrDefault("b", Set.of())).containsExactly("ownership");
        assertThat(plan.suppressedDimensions().getOrDefault("c", Set.of())).isEmpty();
    }

    @Test
    void aSuppressedChildCountsAsHiddenInEveryDimension() {
        GroupCounts parent = new GroupCounts(25, Map.of("listening", 25L));
        Map<String, GroupCounts> children = Map.of(
                "a", new GroupCounts(3, Map.of("listening", 3L)),
                "b", new GroupCounts(6, Map.of("listening", 6L)),
                "c", new GroupCounts(16, Map.of("listening", 16L)));
        SuppressionPlan plan = policy.plan(parent, children);
        assertThat(plan.suppressedChildren()).containsExactly("a", "b");
        assertThat(plan.suppressedDimensions()).isEmpty();
    }

    @Test
    void publishRemovesSmallDimensionsAndRecomputesTheAttentionIndex() {
        SideTally t = SideTally.empty();
        for (int i = 0; i < 6; i++) {
            t = t.plus(SideTally.of(9, i < 2 ? Map.of("listening", 5, "ownership", 1) : Map.of("listening", 3)));
        }
        SideFigures figures = SideFigures.of(t).orElseThrow();
        SideFigures shown = policy.publish(figures, Set.of()).orElseThrow();
        assertThat(shown.dimensions()).containsOnlyKeys("listening");
        // listening: (2*5 + 4*3) / 6 = 11/3 -> (11/3 - 1) / 4 * 100 = 66.666...; ownership (score 0) must not pull it
        // down.
        assertThat(shown.attentionIndex().getAsDouble())
                .isEqualTo(shown.dimensions().get("listening").score());
        assertThat(policy.publish(figures, Set.of("listening")).orElseThrow().attentionIndex())
                .isEmpty();
        assertThat(new AnonymityPolicy(7).publish(figures, Set.of())).isEmpty();
    }

    @Test
    void aRegionHiddenByItsSiblingHidesItsSmallestUnitTooOrItWouldBeTheirSum() {
        // org 16 = r1 13 (a 6, b 7) + r2 3 (c 3): r2 is small, so r1 is withheld with it; then r1 = a + b
        OrganisationCounts groups = new OrganisationCounts(
                "o",
                Map.of("r1", List.of("a", "b"), "r2", List.of("c")),
                Map.of(
                        "o",
                        counts(16),
                        "r1",
                        counts(13),
                        "a",
                        counts(6),
                        "b",
                        counts(7),
                        "r2",
                        counts(3),
                        "c",
                        counts(3)));
        Withholding withheld = policy.complementary(groups, Set.of("r2", "c"));
        assertThat(withheld.groups()).containsExactly("a", "r1");
        assertThat(withheld.dimensions()).isEmpty();
    }

    @Test
    void aHiddenRegionsScoreWhoseAnsweringUnitsAllShowTheirsHidesTheSmallestOfThem() {
        // r 21 (a 6 without listening, b 7 with 6 ratings, c 8 with 7) is withheld beside the small r2; a goes
        // with it, but a gave no listening rating: r's listening = b's + c's, so b's listening is withheld
        OrganisationCounts groups = new OrganisationCounts(
                "o",
                Map.of("r", List.of("a", "b", "c"), "r2", List.of("d")),
                Map.of(
                        "o",
                        counts(24, 13),
                        "r",
                        counts(21, 13),
                        "a",
                        counts(6, 0),
                        "b",
                        counts(7, 6),
                        "c",
                        counts(8, 7),
                        "r2",
                        counts(3, 0),
                        "d",
                        counts(3, 0)));
        Withholding withheld = policy.complementary(groups, Set.of("r2", "d"));
        assertThat(withheld.groups()).containsExactly("a", "r");
        assertThat(withheld.dimensions()).isEqualTo(Map.of("b", Set.of("listening")));
    }

    private static GroupCounts counts(long n) {
        return new GroupCounts(n, Map.of());
    }

    private static GroupCounts counts(long n, long listening) {
        return new GroupCounts(n, Map.of("listening", listening));
    }
}
