package app.symmetry.aggregation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.quarkus.runtime.annotations.RegisterForReflection;

import app.symmetry.domain.AggregationReport;

/**
 * What {@code aggregateSnapshots} answers: what the run did, the time it covers and whether this call
 * ran at all.
 *
 * @param asOf answers received before this time are counted (ISO-8601, to the second): a scheduled
 *        run's time, or when an on-demand run or a recompute started
 * @param replay true when this call ran nothing because the run for its scheduled time had already
 *        run (its figures are that run's) or is still running elsewhere (its figures are zero)
 */
@RegisterForReflection
public record AggregationResult(
        int unitsProcessed, int snapshotsWritten, long answersRead, String asOf, boolean replay) {

    static AggregationResult ran(AggregationReport report, Instant asOf) {
        return of(report, asOf, false);
    }

    static AggregationResult replayed(AggregationReport report, Instant asOf) {
        return of(report, asOf, true);
    }

    private static AggregationResult of(AggregationReport report, Instant asOf, boolean replay) {
        return new AggregationResult(
                report.unitsProcessed(),
                report.snapshotsWritten(),
                report.answersRead(),
                asOf.truncatedTo(ChronoUnit.SECONDS).toString(),
                replay);
    }
}
