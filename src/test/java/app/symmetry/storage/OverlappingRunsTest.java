package app.symmetry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import app.symmetry.domain.DayProgress;
import app.symmetry.domain.Period;
import app.symmetry.domain.SettledCustomers;
import app.symmetry.domain.Snapshot;
import app.symmetry.domain.UnitDays;
import app.symmetry.indicator.DimensionTally;
import app.symmetry.indicator.SideTally;

/**
 * Two aggregation runs overlap (no reserved concurrency on AWS; a scheduled run, an on-demand one, a
 * recompute) and finish in the bad order: the older one writes last. What the newer one wrote stays,
 * on DynamoDB Local: each store is called as the two runs call it, with their two times.
 */
@QuarkusTest
class OverlappingRunsTest {

    static final Instant OLDER = Instant.parse("2026-10-07T10:00:00Z");
    static final Instant NEWER = OLDER.plusSeconds(3600);

    @Inject
    TallyStore tallies;

    @Inject
    SnapshotStore snapshots;

    private static SideTally tally(int n) {
        return new SideTally(n, n / 2, 1, new TreeMap<>(Map.of("listening", new DimensionTally(n, 4L * n))));
    }

    @Test
    void anOlderRunFinishingLastDoesNotPutBackOlderDayTallies() {
        String unit = "overlap-tallies";
        LocalDate shared = LocalDate.of(2026, 10, 6);
        LocalDate onlyOlder = LocalDate.of(2026, 10, 5);
        // the newer run: settled up to 09:45, the day's employees read at 11:00
        DayProgress newer = new DayProgress(
                Map.of(shared, new SettledCustomers(tally(9), NEWER.minusSeconds(900))), Map.of(shared, NEWER));
        tallies.putDays(unit, Map.of(shared, tally(11)), Map.of(shared, tally(6)), newer, NEWER);

        // the older run, which read less, writes last; it also has a day the newer one did not write
        DayProgress older = new DayProgress(
                Map.of(
                        shared,
                        new SettledCustomers(tally(4), OLDER.minusSeconds(900)),
                        onlyOlder,
                        new SettledCustomers(tally(2), OLDER.minusSeconds(900))),
                Map.of(shared, OLDER));
        UnitDays returned = tallies.putDays(
                unit, Map.of(shared, tally(5), onlyOlder, tally(2)), Map.of(shared, tally(5)), older, OLDER);

        UnitDays stored = tallies.read(List.of(unit), onlyOlder, shared).get(unit);
        for (UnitDays days : List.of(returned, stored)) {
            assertThat(days.customer()).containsEntry(shared, tally(11)).containsEntry(onlyOlder, tally(2));
            assertThat(days.employee()).containsEntry(shared, tally(6));
            assertThat(days.computedAt()).containsEntry(shared, NEWER).containsEntry(onlyOlder, OLDER);
        }
        // the progress is the newer run's pair: the next run reads from its settled time
        DayProgress progress =
                tallies.progress(List.of(unit), List.of(onlyOlder, shared)).get(unit);
        assertThat(progress.settled().get(shared)).isEqualTo(new SettledCustomers(tally(9), NEWER.minusSeconds(900)));
        assertThat(progress.employeesReadAt()).containsEntry(shared, NEWER);
        assertThat(progress.settled().get(onlyOlder))
                .isEqualTo(new SettledCustomers(tally(2), OLDER.minusSeconds(900)));

        // and a later run still replaces the newer one's day
        Instant later = NEWER.plusSeconds(3600);
        tallies.putDays(unit, Map.of(shared, tally(12)), Map.of(), DayProgress.NONE, later);
        assertThat(tallies.read(List.of(unit), shared, shared).get(unit).customer())
                .containsEntry(shared, tally(12));
    }

    @Test
    void anOlderRunFinishingLastDoesNotPutBackAnOlderSnapshot() {
        Period day = Period.parse("DAY:2026-10-06").orElseThrow();
        Snapshot newer = snapshot(day, NEWER, 11);
        assertThat(snapshots.putAll(List.of(newer), s -> false)).isZero();
        assertThat(snapshots.putAll(List.of(snapshot(day, OLDER, 5)), s -> false))
                .as("kept")
                .isEqualTo(1);
        assertThat(snapshots.get("region", "overlap-region", day)).contains(newer);

        Snapshot later = snapshot(day, NEWER.plusSeconds(60), 12);
        assertThat(snapshots.putAll(List.of(later), s -> false)).isZero();
        assertThat(snapshots.get("region", "overlap-region", day)).contains(later);
    }

    private static Snapshot snapshot(Period period, Instant computedAt, long customers) {
        return new Snapshot(
                "region",
                "overlap-region",
                period.key(),
                Snapshot.METHOD_VERSION,
                computedAt.toString(),
                new Snapshot.CustomerSide(customers, null, Map.of(), null, Boolean.TRUE),
                Snapshot.EmployeeSide.suppressed(5, "period_type"),
                null,
                null,
                null,
                null);
    }
}
