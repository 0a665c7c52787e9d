package app.symmetry.aggregation;

import java.time.Instant;
import java.time.LocalDate;

/** What {@code aggregateSnapshots} is asked to run. */
public sealed interface AggregationRequest {

    /** Every day from {@code from} to {@code to} (inclusive) read whole: a repair. */
    record Recompute(LocalDate from, LocalDate to) implements AggregationRequest {}

    /**
     * An EventBridge scheduled event: the run for its {@code time}, once; a retried event gets that
     * run's report.
     */
    record Scheduled(Instant time) implements AggregationRequest {}

    /** A call with no time (a manager, a script): a run as of now, whatever ran before it. */
    record Now() implements AggregationRequest {}
}
