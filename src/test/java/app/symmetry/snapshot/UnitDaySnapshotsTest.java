package app.symmetry.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import app.symmetry.domain.DayProgress;
import app.symmetry.domain.PageCursor;
import app.symmetry.domain.Snapshot;
import app.symmetry.indicator.SideTally;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.storage.TallyStore;

/** A unit's day snapshots computed from stored tallies when read, on DynamoDB Local: one, a history, the units of a day. */
@QuarkusTest
class UnitDaySnapshotsTest {

    static final Instant AT = Instant.parse("2025-03-01T09:30:00Z");

    @Inject
    UnitDaySnapshots unitDays;

    @Inject
    TallyStore tallies;

    @Inject
    OrganisationDirectory directory;

    private static SideTally customers(int n) {
        SideTally.Accumulator total = new SideTally.Accumulator();
        for (int i = 0; i < n; i++) {
            total.add(i % 11, Map.of("listening", 1 + i % 5));
        }
        return total.tally();
    }

    /** Tallies of these days as a run stores them: every day of its range, answered or not. */
    private void run(Unit unit, LocalDate from, LocalDate to, Instant at) {
        Map<LocalDate, SideTally> customer = new HashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            customer.put(d, customers(d.getDayOfMonth() % 4 == 0 ? 0 : d.getDayOfMonth()));
        }
        tallies.putDays(unit.id(), customer, Map.of(), DayProgress.NONE, at);
    }

    @Test
    void aDayIsItsTalliesWithTheTrendFromTheDayBeforeAndTheRunsTime() {
        Unit unit = directory.organisation().units().get(0);
        run(unit, LocalDate.of(2025, 1, 30), LocalDate.of(2025, 2, 2), AT);

        Snapshot first = unitDays.get(unit, LocalDate.of(2025, 2, 1)).orElseThrow();
        assertThat(first.scope()).isEqualTo("unit");
        assertThat(first.id()).isEqualTo(unit.id());
        assertThat(first.period()).isEqualTo("DAY:2025-02-01");
        assertThat(first.computedAt()).isEqualTo(AT.toString());
        assertThat(first.customer().n()).isEqualTo(1);
        assertThat(first.employee().suppressed()).isTrue();
        assertThat(first.employee().reason()).isEqualTo("period_type");
        // the day before is in another month's item: its figures still make the trend
        assertThat(first.trend()).isNotNull();

        assertThat(unitDays.get(unit, LocalDate.of(2025, 2, 3)))
                .as("a day no run computed")
                .isEmpty();
    }

    @Test
    void aUnitsHistoryPagesNewestFirstAcrossMonthsWithoutAnEmptyLastPage() {
        Unit unit = directory.organisation().units().get(1);
        run(unit, LocalDate.of(2024, 7, 25), LocalDate.of(2024, 8, 31), AT);
        // a later run over a few days: they show its time
        run(unit, LocalDate.of(2024, 9, 1), LocalDate.of(2024, 10, 5), AT.plusSeconds(3600));

        List<String> seen = new ArrayList<>();
        // the table is shared with other tests, whose runs are of recent days: page from 2024-10-05 down,
        // starting from a cursor as the page before would have given it
        Optional<String> fromOctober =
                Optional.of(PageCursor.encode(Map.of("list", "unit " + unit.id() + " DAY", "day", "2024-10-06")));
        Optional<String> cursor = fromOctober;
        int pages = 0;
        do {
            SnapshotPage page = unitDays.history(unit, 12, cursor);
            assertThat(page.items()).isNotEmpty().hasSizeLessThanOrEqualTo(12);
            page.items().forEach(s -> seen.add(s.period().substring(4)));
            cursor = Optional.ofNullable(page.cursor());
            pages++;
        } while (cursor.isPresent());

        List<String> expected = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2024, 10, 5); !d.isBefore(LocalDate.of(2024, 7, 25)); d = d.minusDays(1)) {
            expected.add(d.toString());
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + 11) / 12);
        // every page's days are the days one reads alone
        Snapshot fromHistory = unitDays.history(unit, 40, fromOctober).items().get(39);
        assertThat(unitDays.get(unit, LocalDate.parse(fromHistory.period().substring(4))))
                .contains(fromHistory);
    }

    @Test
    void theUnitsOfADayAreListedByIdAndOnlyThoseARunComputed() {
        List<Unit> units = directory.organisation().units();
        LocalDate day = LocalDate.of(2023, 5, 1);
        List<String> computed = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            if (u % 3 != 1) {
                run(units.get(u), day, day, AT);
                computed.add(units.get(u).id());
            }
        }
        List<String> listed = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            SnapshotPage page = unitDays.ofDay(day, 2, cursor);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(s -> listed.add(s.id()));
            cursor = Optional.ofNullable(page.cursor());
        } while (cursor.isPresent());
        assertThat(listed).isSorted().containsExactlyInAnyOrderElementsOf(computed);

        // a cursor belongs to its listing
        String first = unitDays.ofDay(day, 2, Optional.empty()).cursor();
        assertThatThrownBy(() -> unitDays.ofDay(day.plusDays(1), 2, Optional.of(first)))
                .isInstanceOf(PageCursor.InvalidCursor.class);
        assertThatThrownBy(() -> unitDays.history(units.get(0), 2, Optional.of(first)))
                .isInstanceOf(PageCursor.InvalidCursor.class);
        assertThatThrownBy(() -> unitDays.history(units.get(0), 2, Optional.of("bm90LWEtY3Vyc29y")))
                .isInstanceOf(PageCursor.InvalidCursor.class);
    }
}
