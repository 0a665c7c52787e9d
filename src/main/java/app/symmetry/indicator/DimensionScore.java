package app.symmetry.indicator;

/** One dimension's 1–5 ratings on 0–100: {@code (mean − 1) / 4 · 100}, with how many ratings it rests on. */
public record DimensionScore(long n, double score) {

    public DimensionScore {
        if (n < 1) {
            throw new IllegalArgumentException("a dimension score needs at least one rating: " + n);
        }
        if (!(score >= 0.0 && score <= 100.0)) {
            throw new IllegalArgumentException("a dimension score is from 0 to 100: " + score);
        }
    }

    public static DimensionScore of(DimensionTally tally) {
        // Clamped because floating-point division can land a hair outside 0–100 at the extremes.
        return new DimensionScore(tally.count(), Math.max(0.0, Math.min(100.0, tally.score())));
    }
}
