package app.symmetry.indicator;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Net promoter score (eNPS on the employee side): % of 9–10 minus % of 0–6, from −100 to 100,
 * with the half-width of its 95 % interval.
 *
 * <p>{@code moe95} is absent for a single answer: one answer says nothing about spread, and the
 * formula would report ±0, which reads as certainty. With two or more answers the formula is
 * applied as written, so unanimous answers (all promoters, all detractors) do give ±0.
 */
public record Nps(double value, OptionalDouble moe95) {

    static final double Z_95 = 1.96;

    public Nps {
        if (!(value >= -100.0 && value <= 100.0)) {
            throw new IllegalArgumentException("nps must be from -100 to 100: " + value);
        }
        if (moe95 == null) {
            throw new IllegalArgumentException("moe95 must be present or empty, not null");
        }
    }

    /** Empty when there is no answer: an NPS of nobody is not zero, it does not exist. */
    public static Optional<Nps> of(long n, long promoters, long detractors) {
        if (n < 0 || promoters < 0 || detractors < 0 || promoters + detractors > n) {
            throw new IllegalArgumentException(
                    "inconsistent counts: n=" + n + " promoters=" + promoters + " detractors=" + detractors);
        }
        if (n == 0) {
            return Optional.empty();
        }
        double pPromoters = (double) promoters / n;
        double pDetractors = (double) detractors / n;
        double diff = pPromoters - pDetractors;
        double value = Math.max(-100.0, Math.min(100.0, diff * 100.0));
        if (n == 1) {
            return Optional.of(new Nps(value, OptionalDouble.empty()));
        }
        // Rounding can push the variance a hair below zero when answers are unanimous.
        double variance = Math.max(0.0, pPromoters + pDetractors - diff * diff);
        return Optional.of(new Nps(value, OptionalDouble.of(Z_95 * Math.sqrt(variance / n) * 100.0)));
    }

    public static Optional<Nps> of(SideTally tally) {
        return of(tally.n(), tally.promoters(), tally.detractors());
    }
}
