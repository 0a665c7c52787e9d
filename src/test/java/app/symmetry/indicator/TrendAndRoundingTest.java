package app.symmetry.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrendAndRoundingTest {

    @ParameterizedTest
    @CsvSource({
        "26.45, 26.5",
        "26.449999999999996, 26.5", // a true tie after binary noise
        "26.44, 26.4",
        "-17.45, -17.5",
        "-17.44, -17.4",
        "0.04, 0.0",
        "-0.04, 0.0",
        "100.0, 100.0",
        "16.666666666666668, 16.7",
        "-14.285714285714285, -14.3"
    })
    void oneDecimalHalfUp(double exact, double published) {
        assertThat(PublishedValue.oneDecimal(exact)).isEqualTo(published);
    }

    @Test
    void negativeZeroIsNotPublished() {
        assertThat(Double.doubleToRawLongBits(PublishedValue.oneDecimal(-0.01)))
                .isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThatThrownBy(() -> PublishedValue.oneDecimal(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoDecimalsForCoefficients() {
        assertThat(PublishedValue.twoDecimals(0.9332086823866833)).isEqualTo(0.93);
        assertThat(PublishedValue.twoDecimals(-0.3744240273732739)).isEqualTo(-0.37);
        assertThat(PublishedValue.twoDecimals(0.125)).isEqualTo(0.13);
    }

    @Test
    void trendCoversFiguresPresentInBothPeriods() {
        // previous: customer nps 0 (one passive), listening 50; employee promoter, listening 75, ownership 25.
        GroupFigures previous = GroupFigures.of(
                SideTally.of(8, Map.of("listening", 3)), SideTally.of(9, Map.of("listening", 4, "ownership", 2)));
        // current: customer promoter, listening 100, ownership 50; employee detractor, listening 50.
        GroupFigures current = GroupFigures.of(
                SideTally.of(10, Map.of("listening", 5, "ownership", 3)), SideTally.of(3, Map.of("listening", 3)));
        Trend trend = Trend.between(previous, current);
        // By hand: customer.nps 0 -> 100; customer.attentionIndex 50 -> 75; listening 50 -> 100;
        // employee.enps 100 -> -100; employee.attentionIndex 50 -> 50; employee listening 75 -> 50;
        // gaps.listening 25 -> -50; symmetry 75 -> 50. customer ownership and employee ownership are
        // each in one period only.
        assertThat(trend.changes())
                .isEqualTo(Map.of(
                        "customer.nps",
                        100.0,
                        "customer.attentionIndex",
                        25.0,
                        "customer.dimensions.listening",
                        50.0,
                        "employee.enps",
                        -200.0,
                        "employee.attentionIndex",
                        0.0,
                        "employee.dimensions.listening",
                        -25.0,
                        "gaps.listening",
                        -75.0,
                        "symmetry",
                        -25.0));
    }

    @Test
    void trendIsTheDifferenceOfPublishedFigures() {
        // 42.26 shows as 42.3 and 39.24 as 39.2: a reader expects 3.1, not the exact 3.02 -> 3.0.
        Trend trend = Trend.between(Map.of("customer.nps", 39.24), Map.of("customer.nps", 42.26));
        assertThat(trend.changes()).isEqualTo(Map.of("customer.nps", 3.1));
    }

    @Test
    void aWithheldEmployeeSideHasNoTrend() {
        GroupFigures previous = GroupFigures.of(SideTally.of(8, Map.of()), SideTally.of(9, Map.of()));
        GroupFigures current = new GroupFigures(SideFigures.of(SideTally.of(9, Map.of())), Optional.empty());
        assertThat(Trend.between(previous, current).changes()).isEqualTo(Map.of("customer.nps", 100.0));
    }
}
