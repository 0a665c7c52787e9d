package app.symmetry.aggregation;

/** The periods snapshots are computed for, each in the unit's own time zone. */
public enum PeriodType {
    DAY,
    WEEK,
    MONTH
}
