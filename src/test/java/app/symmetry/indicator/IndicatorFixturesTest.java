package app.symmetry.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Expected values come from src/test/resources/indicator/fixtures.py (numpy, computed from the raw
 * answer lists, sharing no code with this implementation); its output is fixtures.txt next to it.
 */
class IndicatorFixturesTest {

    private static final double EPS = 1e-9;

    record Answer(int recommend, Map<String, Integer> ratings) {}

    static SideTally tally(List<Answer> answers) {
        return answers.stream()
                .map(a -> SideTally.of(a.recommend(), a.ratings()))
                .reduce(SideTally.empty(), SideTally::plus);
    }

    static final List<Answer> MIXED_CUSTOMER = List.of(
            new Answer(10, Map.of("listening", 5, "ownership", 4, "information", 5)),
            new Answer(9, Map.of("listening", 4, "ownership", 4)),
            new Answer(8, Map.of("listening", 4, "information", 3, "recognition", 4)),
            new Answer(7, Map.of("listening", 3)),
            new Answer(6, Map.of("listening", 2, "ownership", 2, "information", 3)),
            new Answer(10, Map.of("listening", 5, "recognition", 5)),
            new Answer(3, Map.of("listening", 1, "ownership", 1, "information", 2, "recognition", 1)),
            new Answer(9, Map.of()),
            new Answer(0, Map.of("ownership", 1)),
            new Answer(10, Map.of("listening", 5, "ownership", 5, "information", 4, "recognition", 5)),
            new Answer(5, Map.of("listening", 3, "ownership", 2)),
            new Answer(9, Map.of("listening", 4, "information", 4)));

    static final List<Answer> MIXED_EMPLOYEE = List.of(
            new Answer(9, Map.of("listening", 3, "ownership", 2, "information", 3, "recognition", 2, "cooperation", 3)),
            new Answer(6, Map.of("listening", 2, "ownership", 3, "information", 2, "recognition", 1)),
            new Answer(7, Map.of("listening", 4, "ownership", 3, "information", 3, "recognition", 2, "cooperation", 4)),
            new Answer(10, Map.of("listening", 5, "ownership", 4, "information", 4, "recognition", 3)),
            new Answer(4, Map.of("listening", 1, "ownership", 2, "information", 2, "recognition", 1, "cooperation", 2)),
            new Answer(8, Map.of("listening", 3, "ownership", 3)),
            new Answer(2, Map.of("listening", 2, "ownership", 1, "information", 1, "recognition", 1)));

    @Test
    void mixedCustomerSide() {
        SideFigures c = SideFigures.of(tally(MIXED_CUSTOMER)).orElseThrow();
        assertThat(c.n()).isEqualTo(12);
        assertThat(c.nps().value()).isCloseTo(16.666666666666668, within(EPS));
        assertThat(c.nps().moe95().getAsDouble()).isCloseTo(50.78239706681688, within(EPS));
        assertThat(c.dimensions()).containsOnlyKeys("information", "listening", "ownership", "recognition");
        assertThat(c.dimensions().get("information")).isEqualTo(new DimensionScore(6, 62.5));
        assertThat(c.dimensions().get("listening")).isEqualTo(new DimensionScore(10, 65.0));
        assertThat(c.dimensions().get("ownership").n()).isEqualTo(7);
        assertThat(c.dimensions().get("ownership").score()).isCloseTo(42.85714285714286, within(EPS));
        assertThat(c.dimensions().get("recognition")).isEqualTo(new DimensionScore(4, 68.75));
        assertThat(c.attentionIndex().getAsDouble()).isCloseTo(59.776785714285715, within(EPS));
    }

    @Test
    void mixedEmployeeSide() {
        SideFigures e = SideFigures.of(tally(MIXED_EMPLOYEE)).orElseThrow();
        assertThat(e.n()).isEqualTo(7);
        assertThat(e.nps().value()).isCloseTo(-14.285714285714285, within(EPS));
        assertThat(e.nps().moe95().getAsDouble()).isCloseTo(61.70899448216605, within(EPS));
        assertThat(e.dimensions().get("cooperation")).isEqualTo(new DimensionScore(3, 50.0));
        assertThat(e.dimensions().get("recognition").score()).isCloseTo(16.666666666666668, within(EPS));
        assertThat(e.attentionIndex().getAsDouble()).isCloseTo(37.976190476190474, within(EPS));
    }

    @Test
    void mixedGapsAreNegativeAndSymmetryUsesTheirSize() {
        GroupFigures g = GroupFigures.of(tally(MIXED_CUSTOMER), tally(MIXED_EMPLOYEE));
        Gaps gaps = g.gaps();
        // cooperation is asked of employees only here: no gap for it.
        assertThat(gaps.byDimension()).containsOnlyKeys("information", "listening", "ownership", "recognition");
        assertThat(gaps.byDimension().get("information")).isCloseTo(-25.0, within(EPS));
        assertThat(gaps.byDimension().get("listening")).isCloseTo(-18.57142857142857, within(EPS));
        assertThat(gaps.byDimension().get("ownership")).isCloseTo(-3.5714285714285694, within(EPS));
        assertThat(gaps.byDimension().get("recognition")).isCloseTo(-52.08333333333333, within(EPS));
        assertThat(gaps.symmetry().getAsDouble()).isCloseTo(75.19345238095238, within(EPS));
    }

    @Test
    void symmetryWithGapsOfBothSigns() {
        // By hand: listening 50 vs 75 -> +25; ownership 75 vs 25 -> -50; symmetry = 100 - (25 + 50) / 2 = 62.5.
        SideTally customer = SideTally.of(8, Map.of("listening", 3, "ownership", 4));
        SideTally employee = SideTally.of(8, Map.of("listening", 4, "ownership", 2));
        Gaps gaps = GroupFigures.of(customer, employee).gaps();
        assertThat(gaps.byDimension()).isEqualTo(Map.of("listening", 25.0, "ownership", -50.0));
        assertThat(gaps.symmetry().getAsDouble()).isEqualTo(62.5);
    }

    @Test
    void noCommonDimensionMeansNoSymmetry() {
        Gaps gaps = GroupFigures.of(SideTally.of(8, Map.of("listening", 3)), SideTally.of(8, Map.of("ownership", 2)))
                .gaps();
        assertThat(gaps.byDimension()).isEmpty();
        assertThat(gaps.symmetry()).isEmpty();
    }

    @Test
    void singleAnswerHasAValueButNoMargin() {
        // fixtures.py applies the formula literally and gets 0.0; a margin of ±0 from one answer would
        // read as certainty, so it is left absent on purpose.
        SideFigures s = SideFigures.of(SideTally.of(9, Map.of("listening", 4))).orElseThrow();
        assertThat(s.n()).isEqualTo(1);
        assertThat(s.nps().value()).isEqualTo(100.0);
        assertThat(s.nps().moe95()).isEmpty();
        assertThat(s.dimensions()).isEqualTo(Map.of("listening", new DimensionScore(1, 75.0)));
        assertThat(s.attentionIndex().getAsDouble()).isEqualTo(75.0);
    }

    @Test
    void allPromotersHaveNoMargin() {
        SideFigures s = SideFigures.of(tally(List.of(
                        new Answer(9, Map.of("listening", 5)),
                        new Answer(10, Map.of("listening", 5)),
                        new Answer(10, Map.of()),
                        new Answer(9, Map.of("listening", 4)))))
                .orElseThrow();
        assertThat(s.nps().value()).isEqualTo(100.0);
        assertThat(s.nps().moe95().getAsDouble()).isEqualTo(0.0);
        assertThat(s.dimensions().get("listening").n()).isEqualTo(3);
        assertThat(s.attentionIndex().getAsDouble()).isCloseTo(91.66666666666667, within(EPS));
    }

    @Test
    void allDetractors() {
        SideFigures s = SideFigures.of(tally(List.of(
                        new Answer(0, Map.of("ownership", 1)),
                        new Answer(6, Map.of("ownership", 2)),
                        new Answer(3, Map.of()))))
                .orElseThrow();
        assertThat(s.nps().value()).isEqualTo(-100.0);
        assertThat(s.nps().moe95().getAsDouble()).isEqualTo(0.0);
        assertThat(s.dimensions()).isEqualTo(Map.of("ownership", new DimensionScore(2, 12.5)));
        assertThat(s.attentionIndex().getAsDouble()).isEqualTo(12.5);
    }

    @Test
    void answersWithoutRatingsHaveNoDimensionsAndNoAttentionIndex() {
        SideFigures s = SideFigures.of(tally(List.of(new Answer(8, Map.of()), new Answer(7, Map.of()))))
                .orElseThrow();
        assertThat(s.nps().value()).isEqualTo(0.0);
        assertThat(s.nps().moe95().getAsDouble()).isEqualTo(0.0);
        assertThat(s.dimensions()).isEmpty();
        assertThat(s.attentionIndex()).isEmpty();
    }

    @Test
    void noAnswerMeansNoFigures() {
        assertThat(SideFigures.of(SideTally.empty())).isEmpty();
        assertThat(Nps.of(0, 0, 0)).isEmpty();
        GroupFigures g = GroupFigures.of(SideTally.empty(), SideTally.of(9, Map.of()));
        assertThat(g.customer()).isEmpty();
        assertThat(g.gaps()).isEqualTo(Gaps.NONE);
        assertThat(g.figuresByPath()).containsOnlyKeys("employee.enps");
    }

    @Test
    void withheldDimensionsAreLeftOutOfTheAttentionIndex() {
        SideFigures s = SideFigures.of(tally(MIXED_EMPLOYEE)).orElseThrow().withoutDimensions(Set.of("cooperation"));
        assertThat(s.dimensions()).doesNotContainKey("cooperation");
        // fixtures.txt: (37.5 + 46.428571... + 39.285714... + 16.666666...) / 4
        assertThat(s.attentionIndex().getAsDouble())
                .isCloseTo((37.5 + 46.42857142857143 + 39.28571428571429 + 16.666666666666668) / 4, within(EPS));
    }
}
