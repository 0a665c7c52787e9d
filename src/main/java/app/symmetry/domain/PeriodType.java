package app.symmetry.domain;

/** The periods snapshots are computed for, each in the unit's own time zone. */
public enum PeriodType {
    DAY,
    WEEK,
    MONTH
}
