package app.symmetry.domain;

import java.time.Instant;

import app.symmetry.indicator.SideTally;

/**
 * A unit's customer answers of one day that can no longer change: every answer received before
 * {@code before}, tallied. An answer is stamped when it is received and stored within the settle
 * time ({@code symmetry.aggregation.settle}), so once a run has read a day at {@code before} plus
 * that time, nothing received earlier can still arrive. The next run reads only the answers
 * received from {@code before} on (their sort key starts with that time) and adds them: an hourly
 * run costs the answers that came in since the last one, not the whole day so far.
 *
 * @param tally the answers received before {@code before}
 */
public record SettledCustomers(SideTally tally, Instant before) {

    /** Whether every answer of a day ending at {@code dayEnd} is in: the day need not be read again. */
    public boolean covers(Instant dayEnd) {
        return !before.isBefore(dayEnd);
    }
}
