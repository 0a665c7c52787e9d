package app.symmetry.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What one aggregation run did. */
@RegisterForReflection
public record AggregationReport(int unitsProcessed, int snapshotsWritten, long answersRead) {}
