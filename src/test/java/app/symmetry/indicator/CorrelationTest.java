package app.symmetry.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Expected values: src/test/resources/indicator/fixtures.py (scipy.stats), output in fixtures.txt. */
class CorrelationTest {

    private static final double EPS = 1e-9;

    @Test
    void eightUnits() {
        Correlation c = Correlation.of(
                new double[] {62.5, 70.0, 55.0, 80.0, 66.0, 71.5, 58.0, 75.0},
                new double[] {71.0, 74.5, 60.0, 85.0, 73.0, 70.0, 65.5, 79.0});
        assertThat(c.units()).isEqualTo(8);
        assertThat(c.pearson().getAsDouble()).isCloseTo(0.9332086823866833, within(EPS));
        assertThat(c.spearman().getAsDouble()).isCloseTo(0.8571428571428572, within(EPS));
        assertThat(c.pearson95().orElseThrow().lower()).isCloseTo(0.6674570624495115, within(EPS));
        assertThat(c.pearson95().orElseThrow().upper()).isCloseTo(0.9881005245142833, within(EPS));
    }

    @Test
    void spearmanWithTiesUsesAverageRanks() {
        double[] x = {1, 2, 2, 3, 4, 4, 4, 5};
        double[] y = {2, 1, 3, 3, 5, 4, 6, 6};
        assertThat(Correlation.averageRanks(x)).containsExactly(1, 2.5, 2.5, 4, 6, 6, 6, 8);
        Correlation c = Correlation.of(x, y);
        assertThat(c.spearman().getAsDouble()).isCloseTo(0.9007775105401477, within(EPS));
        assertThat(c.pearson().getAsDouble()).isCloseTo(0.8767227853705732, within(EPS));
        assertThat(c.pearson95().orElseThrow().lower()).isCloseTo(0.4501470814677848, within(EPS));
        assertThat(c.pearson95().orElseThrow().upper()).isCloseTo(0.9774966770184877, within(EPS));
    }

    @Test
    void fourUnitsIsTheFewestWithAnInterval() {
        Correlation c = Correlation.of(new double[] {10, 20, 30, 40}, new double[] {12, 18, 35, 33});
        assertThat(c.pearson().getAsDouble()).isCloseTo(0.9164578621646277, within(EPS));
        assertThat(c.spearman().getAsDouble()).isCloseTo(0.8, within(EPS));
        assertThat(c.pearson95().orElseThrow().lower()).isCloseTo(-0.3744240273732739, within(EPS));
        assertThat(c.pearson95().orElseThrow().upper()).isCloseTo(0.9982716707802586, within(EPS));

        Correlation three = Correlation.of(new double[] {10, 20, 30}, new double[] {12, 18, 35});
        assertThat(three.units()).isEqualTo(3);
        assertThat(three.pearson()).isPresent();
        assertThat(three.pearson95()).isEmpty();
    }

    @Test
    void fewerThanThreeUnitsHaveNoCoefficient() {
        for (int n = 0; n < 3; n++) {
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i;
                y[i] = 2 * i;
            }
            Correlation c = Correlation.of(x, y);
            assertThat(c.units()).isEqualTo(n);
            assertThat(c.pearson()).isEmpty();
            assertThat(c.spearman()).isEmpty();
            assertThat(c.pearson95()).isEmpty();
        }
    }

    @Test
    void zeroVarianceHasNoCoefficientRatherThanNaN() {
        // 0.1 three times: a computed mean is not exactly 0.1, which must not fake a variance.
        Correlation c = Correlation.of(new double[] {0.1, 0.1, 0.1, 0.1, 0.1}, new double[] {1, 2, 3, 4, 5});
        assertThat(c.units()).isEqualTo(5);
        assertThat(c.pearson()).isEmpty();
        assertThat(c.spearman()).isEmpty();
        assertThat(c.pearson95()).isEmpty();
    }

    @Test
    void perfectCorrelationHasAPointInterval() {
        Correlation c = Correlation.of(new double[] {1, 2, 3, 4, 5}, new double[] {-2, -4, -6, -8, -10});
        assertThat(c.pearson().getAsDouble()).isEqualTo(-1.0);
        assertThat(c.spearman().getAsDouble()).isEqualTo(-1.0);
        assertThat(c.pearson95().orElseThrow()).isEqualTo(new ConfidenceInterval(-1.0, -1.0));
    }

    @Test
    void acrossPairsUnitsPresentOnBothSidesOnly() {
        Correlation c = Correlation.across(new UnitValues(
                Map.of("a", 10.0, "b", 20.0, "c", 30.0, "d", 40.0, "only-employee", 99.0),
                Map.of("a", 12.0, "b", 18.0, "c", 35.0, "d", 33.0, "only-customer", 1.0)));
        assertThat(c.units()).isEqualTo(4);
        assertThat(c.pearson().getAsDouble()).isCloseTo(0.9164578621646277, within(EPS));
    }

    @Test
    void laggedPairsPreviousEmployeeWithCurrentCustomerAndTheReverse() {
        UnitValues previous = new UnitValues(
                Map.of("a", 10.0, "b", 20.0, "c", 30.0, "d", 40.0), Map.of("a", 5.0, "b", 4.0, "c", 3.0, "gone", 1.0));
        UnitValues current = new UnitValues(
                Map.of("a", 1.0, "b", 2.0, "c", 3.0, "new", 9.0), Map.of("a", 12.0, "b", 18.0, "c", 35.0, "d", 33.0));
        LaggedCorrelation lagged = LaggedCorrelation.between(previous, current);
        // employee(previous) vs customer(current): the four-unit fixture.
        assertThat(lagged.employeeLeads().units()).isEqualTo(4);
        assertThat(lagged.employeeLeads().pearson().getAsDouble()).isCloseTo(0.9164578621646277, within(EPS));
        // customer(previous) 5,4,3 vs employee(current) 1,2,3: exactly -1 on three units, no interval.
        assertThat(lagged.customerLeads().units()).isEqualTo(3);
        assertThat(lagged.customerLeads().pearson().getAsDouble()).isEqualTo(-1.0);
        assertThat(lagged.customerLeads().pearson95()).isEmpty();
    }
}
