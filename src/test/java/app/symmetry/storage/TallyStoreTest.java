package app.symmetry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import app.symmetry.domain.DayProgress;
import app.symmetry.domain.SettledCustomers;
import app.symmetry.domain.UnitDays;
import app.symmetry.indicator.DimensionTally;
import app.symmetry.indicator.SideTally;
import app.symmetry.testing.TableItems;

/** Day tallies kept one item per unit and month, on DynamoDB Local. */
@QuarkusTest
class TallyStoreTest {

    @Inject
    TallyStore tallies;

    @Inject
    TableItems items;

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    private static SideTally tally(int n, int promoters, int detractors) {
        return new SideTally(
                n, promoters, detractors, new TreeMap<>(Map.of("listening", new DimensionTally(n, 4L * n))));
    }

    @Test
    void daysAcrossMonthsAreWrittenOneItemPerMonthAndReadBackWithinTheRange() {
        String unit = "tally-months";
        Map<LocalDate, SideTally> customer = new HashMap<>();
        Map<LocalDate, SideTally> employee = new HashMap<>();
        for (LocalDate day = LocalDate.of(2026, 9, 25);
                !day.isAfter(LocalDate.of(2026, 10, 5));
                day = day.plusDays(1)) {
            customer.put(day, tally(day.getDayOfMonth(), 1, 0));
            employee.put(day, tally(day.getDayOfMonth() + 100, 0, 1));
        }
        tallies.putDays(unit, customer, employee, DayProgress.NONE, AT);

        assertThat(items.all())
                .filteredOn(i -> i.get(SymmetryTable.PK).s().equals("TALLY#" + unit))
                .extracting(i -> i.get(SymmetryTable.SK).s())
                .containsExactlyInAnyOrder("2026-09", "2026-10");

        UnitDays read = tallies.read(List.of(unit), LocalDate.of(2026, 9, 28), LocalDate.of(2026, 10, 2))
                .get(unit);
        assertThat(read.customer().keySet())
                .containsExactlyInAnyOrder(
                        LocalDate.of(2026, 9, 28),
                        LocalDate.of(2026, 9, 29),
                        LocalDate.of(2026, 9, 30),
                        LocalDate.of(2026, 10, 1),
                        LocalDate.of(2026, 10, 2));
        assertThat(read.customer().get(LocalDate.of(2026, 10, 1))).isEqualTo(tally(1, 1, 0));
        assertThat(read.employee().get(LocalDate.of(2026, 9, 30))).isEqualTo(tally(130, 0, 1));
        // months the caller already has are not read again
        UnitDays september = tallies.read(
                        List.of(unit),
                        LocalDate.of(2026, 9, 28),
                        LocalDate.of(2026, 10, 2),
                        Set.of(YearMonth.of(2026, 10)))
                .get(unit);
        assertThat(september.customer())
                .containsOnlyKeys(LocalDate.of(2026, 9, 28), LocalDate.of(2026, 9, 29), LocalDate.of(2026, 9, 30));
    }

    @Test
    void aScheduledRunsProgressIsKeptBesideTheTalliesAndARecomputeForgetsIt() {
        String unit = "tally-progress";
        LocalDate last = LocalDate.of(2026, 10, 31);
        LocalDate first = LocalDate.of(2026, 11, 1);
        Instant settledUpTo = Instant.parse("2026-11-01T09:45:00Z");
        DayProgress progress = new DayProgress(
                Map.of(
                        last,
                        new SettledCustomers(tally(6, 2, 1), Instant.parse("2026-11-01T00:10:00Z")),
                        first,
                        new SettledCustomers(tally(2, 1, 0), settledUpTo)),
                Map.of(last, AT));
        UnitDays written = tallies.putDays(
                unit, Map.of(last, tally(6, 2, 1), first, tally(3, 1, 1)), Map.of(last, tally(5, 0, 1)), progress, AT);
        // the progress is not a tally: readers of the tallies never see it
        assertThat(written.customer()).containsOnlyKeys(last, first);
        assertThat(written.employee()).containsOnlyKeys(last);

        DayProgress read = tallies.progress(List.of(unit), List.of(last, first)).get(unit);
        assertThat(read.settled()).isEqualTo(progress.settled());
        assertThat(read.employeesReadAt()).isEqualTo(progress.employeesReadAt());
        // and the employees as stored, so a run that finds the same writes nothing
        assertThat(read.employees()).isEqualTo(Map.of(last, tally(5, 0, 1)));
        assertThat(tallies.progress(List.of(unit, "no-such-unit"), List.of(first)))
                .containsEntry("no-such-unit", DayProgress.NONE);

        // a recompute of the 1st: that day's progress goes, the 31st's stays
        tallies.putDays(unit, Map.of(first, tally(3, 1, 1)), Map.of(first, tally(0, 0, 0)), DayProgress.NONE, AT);
        DayProgress after =
                tallies.progress(List.of(unit), List.of(last, first)).get(unit);
        assertThat(after.settled()).containsOnlyKeys(last);
        assertThat(after.employeesReadAt()).containsOnlyKeys(last);
    }

    @Test
    void aRunRewritingSomeDaysKeepsTheOtherDaysOfTheMonth() {
        String unit = "tally-rewrite";
        tallies.putDays(
                unit,
                Map.of(LocalDate.of(2026, 10, 1), tally(3, 1, 1), LocalDate.of(2026, 10, 2), tally(4, 2, 1)),
                Map.of(),
                DayProgress.NONE,
                AT);
        UnitDays after = tallies.putDays(
                unit,
                Map.of(LocalDate.of(2026, 10, 2), tally(7, 2, 2)),
                Map.of(LocalDate.of(2026, 10, 2), tally(5, 1, 1)),
                DayProgress.NONE,
                AT);
        // the update returns the whole month as it now stands, the other run's day included
        assertThat(after.customer())
                .containsEntry(LocalDate.of(2026, 10, 1), tally(3, 1, 1))
                .containsEntry(LocalDate.of(2026, 10, 2), tally(7, 2, 2));
        assertThat(after.employee()).containsOnlyKeys(LocalDate.of(2026, 10, 2));

        UnitDays read = tallies.read(List.of(unit), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31))
                .get(unit);
        assertThat(read.customer())
                .containsEntry(LocalDate.of(2026, 10, 1), tally(3, 1, 1))
                .containsEntry(LocalDate.of(2026, 10, 2), tally(7, 2, 2));
        assertThat(read.employee()).containsOnlyKeys(LocalDate.of(2026, 10, 2));
    }

    @Test
    void manyUnitsAreReadInBatchesAndAUnitWithoutTalliesReadsEmpty() {
        List<String> units = new ArrayList<>();
        for (int u = 0; u < 120; u++) {
            String unit = "tally-many-" + u;
            units.add(unit);
            if (u % 7 != 0) {
                tallies.putDays(
                        unit,
                        Map.of(LocalDate.of(2026, 8, 31), tally(u, 0, 0), LocalDate.of(2026, 9, 1), tally(u + 1, 1, 0)),
                        Map.of(),
                        DayProgress.NONE,
                        AT);
            }
        }
        // 120 units x 2 months: three BatchGetItem requests
        Map<String, UnitDays> read = tallies.read(units, LocalDate.of(2026, 8, 1), LocalDate.of(2026, 9, 30));
        assertThat(read).hasSize(120);
        for (int u = 0; u < 120; u++) {
            UnitDays days = read.get("tally-many-" + u);
            if (u % 7 == 0) {
                assertThat(days.customer()).isEmpty();
            } else {
                assertThat(days.customer())
                        .containsEntry(LocalDate.of(2026, 8, 31), tally(u, 0, 0))
                        .containsEntry(LocalDate.of(2026, 9, 1), tally(u + 1, 1, 0))
                        .hasSize(2);
            }
            assertThat(days.employee()).isEmpty();
        }
    }

    @Test
    void eachDayKeepsTheTimeOfTheRunThatComputedIt() {
        String unit = "tally-times";
        Instant later = AT.plusSeconds(3600);
        tallies.putDays(
                unit,
                Map.of(LocalDate.of(2026, 10, 1), tally(3, 1, 1), LocalDate.of(2026, 10, 2), tally(4, 2, 1)),
                Map.of(),
                DayProgress.NONE,
                AT);
        tallies.putDays(unit, Map.of(LocalDate.of(2026, 10, 2), tally(5, 2, 1)), Map.of(), DayProgress.NONE, later);

        UnitDays read = tallies.read(List.of(unit), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2))
                .get(unit);
        assertThat(read.computedAt())
                .containsEntry(LocalDate.of(2026, 10, 1), AT)
                .containsEntry(LocalDate.of(2026, 10, 2), later);
    }

    @Test
    void theLatestDaysComeNewestMonthFirstWithTheDayBeforeTheOldest() {
        String unit = "tally-latest";
        Map<LocalDate, SideTally> customer = new HashMap<>();
        for (LocalDate day = LocalDate.of(2026, 6, 20);
                !day.isAfter(LocalDate.of(2026, 9, 10));
                day = day.plusDays(1)) {
            customer.put(day, tally(day.getDayOfMonth(), 0, 0));
        }
        tallies.putDays(unit, customer, Map.of(), DayProgress.NONE, AT);

        UnitDays all = tallies.latestDays(unit, Optional.empty(), 5);
        assertThat(all.customer())
                .containsKey(LocalDate.of(2026, 9, 10))
                .containsKey(LocalDate.of(2026, 9, 5))
                .containsKey(LocalDate.of(2026, 9, 1))
                .doesNotContainKey(LocalDate.of(2026, 7, 31));

        // ten days before 2026-08-11: down to 08-01, and 07-31 for its trend, so July is read too
        UnitDays before = tallies.latestDays(unit, Optional.of(LocalDate.of(2026, 8, 11)), 10);
        assertThat(before.customer())
                .containsKey(LocalDate.of(2026, 8, 10))
                .containsKey(LocalDate.of(2026, 8, 1))
                .containsKey(LocalDate.of(2026, 7, 31))
                .doesNotContainKey(LocalDate.of(2026, 8, 11));
        assertThat(before.computedAt()).containsEntry(LocalDate.of(2026, 8, 1), AT);

        assertThat(tallies.latestDays(unit, Optional.of(LocalDate.of(2026, 6, 22)), 10)
                        .customer())
                .containsOnlyKeys(LocalDate.of(2026, 6, 20), LocalDate.of(2026, 6, 21));
        assertThat(tallies.latestDays("tally-nobody", Optional.empty(), 10).customer())
                .isEmpty();
    }
}
