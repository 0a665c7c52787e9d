package app.symmetry.snapshot;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import app.symmetry.domain.PageCursor;
import app.symmetry.domain.Snapshot;
import app.symmetry.domain.UnitDays;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.storage.Batches;
import app.symmetry.storage.TallyStore;

/**
 * A unit's day snapshots, computed when read from the day tallies the runs stored, not stored
 * themselves: a unit's day depends on that unit's tallies alone, and four in five snapshots of a run
 * are unit days. Reading one costs a read of one or two tally items (the day and the day before, for
 * the trend) and a few microseconds of arithmetic. A day exists once a run has computed it, as a
 * stored snapshot would.
 */
@Singleton
public class UnitDaySnapshots {

    /** Units whose tallies one read fetches when listing the units of a day. */
    private static final int READ_GROUP = 50;

    private final OrganisationDirectory directory;
    private final TallyStore tallies;
    private final PublicationRules rules;

    public UnitDaySnapshots(OrganisationDirectory directory, TallyStore tallies, PublicationRules rules) {
        this.directory = directory;
        this.tallies = tallies;
        this.rules = rules;
    }

    public Optional<Snapshot> get(Unit unit, LocalDate day) {
        UnitDays days = tallies.read(List.of(unit.id()), day.minusDays(1), day).get(unit.id());
        return rules.assembler(directory.organisation()).unitDay(unit, days, day);
    }

    /** The unit's days, newest first. */
    public SnapshotPage history(Unit unit, int limit, Optional<String> cursor) {
        String listing = "unit " + unit.id() + " DAY";
        Optional<LocalDate> before =
                cursor.map(c -> day(PageCursor.decode(c, List.of("list", "day"), Map.of("list", listing))
                        .get("day")));
        // one day more than the page: there is a next page exactly when it exists
        UnitDays days = tallies.latestDays(unit.id(), before, limit + 1);
        List<LocalDate> newest = days.customer().keySet().stream()
                .sorted(Comparator.reverseOrder())
                .limit(limit + 1L)
                .toList();
        SnapshotAssembler assembler = rules.assembler(directory.organisation());
        List<Snapshot> items = newest.stream()
                .limit(limit)
                .map(d -> assembler.unitDay(unit, days, d).orElseThrow())
                .toList();
        return new SnapshotPage(
                items,
                newest.size() > limit
                        ? PageCursor.encode(Map.of(
                                "list", listing, "day", newest.get(limit - 1).toString()))
                        : null);
    }

    /** Every unit's snapshot of one day, by unit id: the units a run has computed that day for. */
    public SnapshotPage ofDay(LocalDate day, int limit, Optional<String> cursor) {
        String listing = "units DAY:" + day;
        Optional<String> after = cursor.map(c -> PageCursor.decode(c, List.of("list", "after"), Map.of("list", listing))
                .get("after"));
        List<Unit> units = directory.organisation().units().stream()
                .filter(u -> after.isEmpty() || u.id().compareTo(after.get()) > 0)
                .sorted(Comparator.comparing(Unit::id))
                .toList();
        SnapshotAssembler assembler = rules.assembler(directory.organisation());
        List<Snapshot> found = new ArrayList<>();
        // read no more units than the page (and one more) needs, unless some turn out not computed
        int readGroup = Math.min(READ_GROUP, limit + 1);
        for (List<Unit> group : Batches.of(units, readGroup)) {
            if (found.size() > limit) {
                break;
            }
            Map<String, UnitDays> days =
                    tallies.read(group.stream().map(Unit::id).toList(), day.minusDays(1), day);
            for (Unit unit : group) {
                if (found.size() <= limit) {
                    assembler.unitDay(unit, days.get(unit.id()), day).ifPresent(found::add);
                }
            }
        }
        return new SnapshotPage(
                found.subList(0, Math.min(limit, found.size())),
                found.size() > limit
                        ? PageCursor.encode(Map.of(
                                "list", listing, "after", found.get(limit - 1).id()))
                        : null);
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new PageCursor.InvalidCursor();
        }
    }
}
