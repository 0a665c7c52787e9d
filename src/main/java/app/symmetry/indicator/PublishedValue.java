package app.symmetry.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rounding of figures for publication. Figures stay exact doubles in computation; only what is
 * shown is rounded, half-up (ties away from zero, so a gap of −17.45 and one of 17.45 show the same
 * size), so a published figure is within ±0.05 of the exact one.
 *
 * <p>The value is first snapped to 9 decimals: a true tie such as 26.45 often comes out of binary
 * arithmetic as 26.449999999999996, and rounding that literally would turn a half-up rule into an
 * arbitrary one. The snap moves a value by at most 5e-10, far below what is published.
 */
public final class PublishedValue {

    private static final int NOISE_SCALE = 9;

    private PublishedValue() {}

    public static double oneDecimal(double exact) {
        return round(exact, 1);
    }

    /** Correlation coefficients and their intervals are published with two decimals. */
    public static double twoDecimals(double exact) {
        return round(exact, 2);
    }

    static double round(double exact, int decimals) {
        if (!Double.isFinite(exact)) {
            throw new IllegalArgumentException("only finite figures are published: " + exact);
        }
        double rounded = new BigDecimal(exact)
                .setScale(NOISE_SCALE, RoundingMode.HALF_UP)
                .setScale(decimals, RoundingMode.HALF_UP)
                .doubleValue();
        // Avoid publishing "-0.0".
        return rounded == 0.0 ? 0.0 : rounded;
    }
}
