package app.symmetry.indicator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Correlation across units of two paired figures (employee vs customer attention index): Pearson
 * r, Spearman rho (Pearson on average ranks, so ties are handled), the number of units paired, and
 * a 95 % interval for r by Fisher's z.
 *
 * <p>Coefficients are absent rather than NaN when they do not exist: with fewer than 3 units (two
 * points always lie on a line) or when either side has no variance. The interval needs at least 4
 * units, since its standard error is {@code 1/sqrt(n − 3)}.
 */
public record Correlation(
        int units, OptionalDouble pearson, Optional<ConfidenceInterval> pearson95, OptionalDouble spearman) {

    public static final int MIN_UNITS = 3;
    public static final int MIN_UNITS_FOR_INTERVAL = 4;

    public Correlation {
        if (units < 0) {
            throw new IllegalArgumentException("units must not be negative");
        }
    }

    /** Pairs the two sides by unit id; units present on one side only are not counted. */
    public static Correlation across(UnitValues values) {
        return across(values.employee(), values.customer());
    }

    public static Correlation across(Map<String, Double> x, Map<String, Double> y) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        x.keySet().stream().filter(y::containsKey).sorted().forEach(unit -> {
            xs.add(x.get(unit));
            ys.add(y.get(unit));
        });
        return of(
                xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ys.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public static Correlation of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired values must be as many on both sides");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("values must be finite numbers");
            }
        }
        int n = x.length;
        if (n < MIN_UNITS) {
            return new Correlation(n, OptionalDouble.empty(), Optional.empty(), OptionalDouble.empty());
        }
        OptionalDouble pearson = pearson(x, y);
        Optional<ConfidenceInterval> interval = Optional.empty();
        if (pearson.isPresent() && n >= MIN_UNITS_FOR_INTERVAL) {
            interval = Optional.of(fisherInterval(pearson.getAsDouble(), n));
        }
        OptionalDouble spearman = pearson(averageRanks(x), averageRanks(y));
        return new Correlation(n, pearson, interval, spearman);
    }

    static OptionalDouble pearson(double[] x, double[] y) {
        // Checked on the values themselves: a computed variance of constant values can come out as
        // a tiny non-zero number and yield a meaningless coefficient.
        if (isConstant(x) || isConstant(y)) {
            return OptionalDouble.empty();
        }
        double meanX = Arrays.stream(x).average().orElseThrow();
        double meanY = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return OptionalDouble.empty();
        }
        double r = sxy / Math.sqrt(sxx * syy);
        return OptionalDouble.of(Math.max(-1.0, Math.min(1.0, r)));
    }

    private static boolean isConstant(double[] values) {
        return Arrays.stream(values).allMatch(v -> v == values[0]);
    }

    /** Fisher's z: {@code tanh(atanh r ± 1.96 / sqrt(n − 3))}; a perfect r gives the point [r, r]. */
    static ConfidenceInterval fisherInterval(double r, int n) {
        if (n < MIN_UNITS_FOR_INTERVAL) {
            throw new IllegalArgumentException("Fisher's interval needs at least 4 units: " + n);
        }
        double z = 0.5 * Math.log((1 + r) / (1 - r));
        double half = Nps.Z_95 / Math.sqrt(n - 3);
        return new ConfidenceInterval(Math.tanh(z - half), Math.tanh(z + half));
    }

    /** Ranks from 1, tied values sharing the mean of the ranks they span. */
    static double[] averageRanks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }
}
