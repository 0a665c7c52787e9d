package app.symmetry.snapshot;

import java.util.Optional;

import app.symmetry.domain.Period;
import app.symmetry.domain.PeriodType;

/** A page of snapshots: every member of one period, or one group's history. */
public sealed interface SnapshotListing {

    int limit();

    Optional<String> cursor();

    /** Every unit's or every region's ({@code member}) snapshot of one period. */
    record OnePeriod(String member, Period period, int limit, Optional<String> cursor) implements SnapshotListing {}

    /** One unit's, region's or the organisation's snapshots of one type of period, latest first. */
    record History(String scope, String id, PeriodType type, int limit, Optional<String> cursor)
            implements SnapshotListing {}
}
