package app.symmetry.indicator;

/**
 * The sufficient statistics of one dimension's 1–5 ratings: how many, and their sum. Counts and
 * sums add exactly, so tallies of days can be summed into weeks, months, regions and the
 * organisation without losing anything.
 */
public record DimensionTally(long count, long sum) {

    public static final int MIN_RATING = 1;
    public static final int MAX_RATING = 5;

    public DimensionTally {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (sum < count * MIN_RATING || sum > count * MAX_RATING) {
            throw new IllegalArgumentException("sum " + sum + " is impossible for " + count + " ratings from 1 to 5");
        }
    }

    public static DimensionTally ofRating(int rating) {
        if (rating < MIN_RATING || rating > MAX_RATING) {
            throw new IllegalArgumentException("a rating must be from 1 to 5: " + rating);
        }
        return new DimensionTally(1, rating);
    }

    public DimensionTally plus(DimensionTally other) {
        return new DimensionTally(Math.addExact(count, other.count), Math.addExact(sum, other.sum));
    }

    /** The 0–100 score of method version 1; defined only when there is at least one rating. */
    public double score() {
        if (count == 0) {
            throw new IllegalStateException("no ratings: the score is undefined");
        }
        double mean = (double) sum / count;
        return (mean - MIN_RATING) / (MAX_RATING - MIN_RATING) * 100.0;
    }
}
