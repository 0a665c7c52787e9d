package app.symmetry.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SideTallyTest {

    @Test
    void oneAnswerCountsPromotersDetractorsAndRatings() {
        assertThat(SideTally.of(9, Map.of("listening", 4)))
                .isEqualTo(new SideTally(1, 1, 0, Map.of("listening", new DimensionTally(1, 4))));
        assertThat(SideTally.of(6, Map.of())).isEqualTo(new SideTally(1, 0, 1, Map.of()));
        assertThat(SideTally.of(7, Map.of())).isEqualTo(new SideTally(1, 0, 0, Map.of()));
        assertThat(SideTally.of(8, Map.of())).isEqualTo(new SideTally(1, 0, 0, Map.of()));
        assertThat(SideTally.of(0, Map.of())).isEqualTo(new SideTally(1, 0, 1, Map.of()));
        assertThat(SideTally.of(10, Map.of())).isEqualTo(new SideTally(1, 1, 0, Map.of()));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 11, 100, Integer.MIN_VALUE})
    void recommendOutsideZeroToTenIsRefused(int recommend) {
        assertThatThrownBy(() -> SideTally.of(recommend, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, -3})
    void ratingOutsideOneToFiveIsRefused(int rating) {
        assertThatThrownBy(() -> SideTally.of(8, Map.of("listening", rating)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullOrBlankInputsAreRefused() {
        Map<String, Integer> withNull = new HashMap<>();
        withNull.put("listening", null);
        assertThatThrownBy(() -> SideTally.of(8, withNull)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SideTally.of(8, Map.of(" ", 3))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void impossibleTalliesAreRefused() {
        assertThatThrownBy(() -> new SideTally(2, 2, 1, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SideTally(1, 0, 0, Map.of("listening", new DimensionTally(2, 6))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DimensionTally(2, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DimensionTally(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SideTally(-1, 0, 0, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dimensionsWithoutRatingsAreDroppedSoEqualityIsOnContent() {
        assertThat(new SideTally(3, 1, 1, Map.of("listening", new DimensionTally(0, 0))))
                .isEqualTo(new SideTally(3, 1, 1, Map.of()));
    }

    @Test
    void tallyIsImmutable() {
        SideTally t = SideTally.of(9, Map.of("listening", 4));
        assertThatThrownBy(() -> t.dimensions().put("ownership", new DimensionTally(1, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void plusAddsEverything() {
        SideTally a = new SideTally(5, 2, 1, Map.of("listening", new DimensionTally(4, 14)));
        SideTally b = new SideTally(
                3, 0, 3, Map.of("listening", new DimensionTally(1, 2), "ownership", new DimensionTally(3, 6)));
        assertThat(a.plus(b))
                .isEqualTo(new SideTally(
                        8,
                        2,
                        4,
                        Map.of("listening", new DimensionTally(5, 16), "ownership", new DimensionTally(3, 6))));
        assertThat(a.plus(SideTally.empty())).isEqualTo(a);
    }

    @Test
    void theAccumulatorRefusesWhatOfRefusesAndKeepsNothingOfARefusedAnswer() {
        SideTally.Accumulator accumulator = new SideTally.Accumulator();
        accumulator.add(9, Map.of("listening", 5));
        assertThatThrownBy(() -> accumulator.add(11, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accumulator.add(8, Map.of("listening", 4, "ownership", 6)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accumulator.add(8, Map.of(" ", 3))).isInstanceOf(IllegalArgumentException.class);
        assertThat(accumulator.tally()).isEqualTo(SideTally.of(9, Map.of("listening", 5)));
        assertThat(new SideTally.Accumulator().tally()).isEqualTo(SideTally.empty());
    }
}
