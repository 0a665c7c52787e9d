package app.symmetry.indicator;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The sufficient statistics of one side (customer or employee) of a group: answers, promoters
 * (9–10), detractors (0–6) and a {@link DimensionTally} per dimension id. Everything method
 * version 1 publishes is a function of these counts, and they combine exactly with
 * {@link #plus(SideTally)}: that is why tallies are stored per unit and day and summed upwards
 * rather than averaging figures.
 *
 * <p>Dimensions without any rating are not kept, so that two tallies of the same answers are
 * equal however they were assembled.
 */
public record SideTally(long n, long promoters, long detractors, Map<String, DimensionTally> dimensions) {

    public static final int MIN_RECOMMEND = 0;
    public static final int MAX_RECOMMEND = 10;
    public static final int PROMOTER_FROM = 9;
    public static final int DETRACTOR_UP_TO = 6;

    private static final SideTally EMPTY = new SideTally(0, 0, 0, Map.of());

    public SideTally {
        if (n < 0 || promoters < 0 || detractors < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (promoters + detractors > n) {
            throw new IllegalArgumentException(
                    "promoters " + promoters + " and detractors " + detractors + " exceed answers " + n);
        }
        dimensions = canonical(dimensions);
        for (Map.Entry<String, DimensionTally> e : dimensions.entrySet()) {
            if (e.getValue().count() > n) {
                // Ratings are optional, but there is at most one per answer.
                throw new IllegalArgumentException("dimension " + e.getKey() + " has more ratings than answers");
            }
        }
    }

    private static Map<String, DimensionTally> canonical(Map<String, DimensionTally> dimensions) {
        Objects.requireNonNull(dimensions, "dimensions");
        TreeMap<String, DimensionTally> copy = new TreeMap<>();
        dimensions.forEach((id, tally) -> {
            requireDimensionId(id);
            Objects.requireNonNull(tally, "tally of " + id);
            if (tally.count() > 0) {
                copy.put(id, tally);
            }
        });
        return Collections.unmodifiableSortedMap(copy);
    }

    private static void requireDimensionId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a dimension id must not be blank");
        }
    }

    public static SideTally empty() {
        return EMPTY;
    }

    /** One answer: the 0–10 recommendation and the ratings it gave (dimensions left out were not answered). */
    public static SideTally of(int recommend, Map<String, Integer> ratings) {
        Accumulator one = new Accumulator();
        one.add(recommend, ratings);
        return one.tally();
    }

    public SideTally plus(SideTally other) {
        TreeMap<String, DimensionTally> dims = new TreeMap<>(dimensions);
        other.dimensions.forEach((id, tally) -> dims.merge(id, tally, DimensionTally::plus));
        return new SideTally(
                Math.addExact(n, other.n),
                Math.addExact(promoters, other.promoters),
                Math.addExact(detractors, other.detractors),
                dims);
    }

    public boolean isEmpty() {
        return n == 0;
    }

    /**
     * Answers added one at a time, each checked whole before it counts, into one tally at the end:
     * equal to folding {@link #of} with {@link #plus}, without two sorted maps per answer, which is
     * what an aggregation run spends on each of the answers it reads.
     */
    public static final class Accumulator {
        private long n;
        private long promoters;
        private long detractors;
        private final Map<String, long[]> dimensions = new HashMap<>();

        public void add(int recommend, Map<String, Integer> ratings) {
            if (recommend < MIN_RECOMMEND || recommend > MAX_RECOMMEND) {
                throw new IllegalArgumentException("recommend must be from 0 to 10: " + recommend);
            }
            Objects.requireNonNull(ratings, "ratings");
            ratings.forEach((id, rating) -> {
                requireDimensionId(id);
                if (rating == null) {
                    throw new IllegalArgumentException("rating of " + id + " is null: leave unanswered dimensions out");
                }
                if (rating < DimensionTally.MIN_RATING || rating > DimensionTally.MAX_RATING) {
                    throw new IllegalArgumentException("a rating must be from 1 to 5: " + rating);
                }
            });
            n++;
            promoters += recommend >= PROMOTER_FROM ? 1 : 0;
            detractors += recommend <= DETRACTOR_UP_TO ? 1 : 0;
            ratings.forEach((id, rating) -> {
                long[] countAndSum = dimensions.computeIfAbsent(id, k -> new long[2]);
                countAndSum[0]++;
                countAndSum[1] += rating;
            });
        }

        public SideTally tally() {
            Map<String, DimensionTally> dims = new HashMap<>();
            dimensions.forEach((id, c) -> dims.put(id, new DimensionTally(c[0], c[1])));
            return new SideTally(n, promoters, detractors, dims);
        }
    }
}
