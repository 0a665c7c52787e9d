package app.symmetry.snapshot;

import app.symmetry.domain.Period;

/** One snapshot: of a unit, a region or the organisation ({@code scope}), for one period. */
public record SnapshotQuery(String scope, String id, Period period) {}
