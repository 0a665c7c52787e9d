package app.symmetry.aggregation;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

/** Turns raw answers into snapshots. (Being written: the entry points are final.) */
@ApplicationScoped
public class Aggregator {

    /** The scheduler's run: the days still open or within the grace window, and every period containing them. */
    public AggregationReport runScheduled(Instant scheduledTime) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Recomputes every day from {@code from} to {@code to} (inclusive) and the periods containing them. */
    public AggregationReport recompute(LocalDate from, LocalDate to) {
        throw new UnsupportedOperationException("not yet");
    }
}
