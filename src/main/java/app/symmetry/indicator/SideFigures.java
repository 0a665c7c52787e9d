package app.symmetry.indicator;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures of one side of a group for one period, exact (not rounded): answers, NPS (eNPS),
 * a score per answered dimension, and the attention index, i.e. the mean of those scores.
 */
public record SideFigures(long n, Nps nps, Map<String, DimensionScore> dimensions, OptionalDouble attentionIndex) {

    public SideFigures {
        if (n < 1) {
            throw new IllegalArgumentException("figures need at least one answer: " + n);
        }
        Objects.requireNonNull(nps, "nps");
        Objects.requireNonNull(attentionIndex, "attentionIndex");
        dimensions = Collections.unmodifiableSortedMap(new TreeMap<>(dimensions));
    }

    /** Empty when the side has no answer: there is nothing to show, not a row of zeros. */
    public static Optional<SideFigures> of(SideTally tally) {
        if (tally.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<String, DimensionScore> scores = new TreeMap<>();
        tally.dimensions().forEach((id, dim) -> scores.put(id, DimensionScore.of(dim)));
        return Optional.of(new SideFigures(tally.n(), Nps.of(tally).orElseThrow(), scores, meanScore(scores)));
    }

    /**
     * The same figures with some dimensions withheld. The attention index is recomputed from the
     * remaining ones: left as it was, it and the visible scores would give the hidden score away.
     */
    public SideFigures withoutDimensions(Set<String> withheld) {
        TreeMap<String, DimensionScore> kept = new TreeMap<>(dimensions);
        kept.keySet().removeAll(withheld);
        return new SideFigures(n, nps, kept, meanScore(kept));
    }

    private static OptionalDouble meanScore(Map<String, DimensionScore> scores) {
        return scores.values().stream().mapToDouble(DimensionScore::score).average();
    }
}
