package app.symmetry.snapshot;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import app.symmetry.domain.PageCursor;
import app.symmetry.domain.Period;
import app.symmetry.domain.PeriodType;
import app.symmetry.domain.Snapshot;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.organisation.Organisation;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.storage.SnapshotStore;

/** Reads snapshots for API clients: one, a group's history, or every unit of one period; a unit's days are computed. */
@Singleton
public class SnapshotService {

    private final OrganisationDirectory directory;
    private final SnapshotStore store;
    private final UnitDaySnapshots unitDays;

    public SnapshotService(OrganisationDirectory directory, SnapshotStore store, UnitDaySnapshots unitDays) {
        this.directory = directory;
        this.store = store;
        this.unitDays = unitDays;
    }

    public Snapshot get(SnapshotQuery query) {
        String scope = query.scope();
        String id = group(scope, query.id());
        Period period = query.period();
        Optional<Snapshot> found = unitDay(scope, period.type())
                ? unitDays.get(directory.unit(id, "id"), period.start())
                : store.get(scope, id, period);
        return found.orElseThrow(() -> new SymmetryException(
                ErrorCode.NOT_FOUND, "period", "no snapshot of " + scope + " " + id + " for " + period.key() + " yet"));
    }

    public SnapshotPage list(SnapshotListing listing) {
        int limit = listing.limit();
        Optional<String> cursor = listing.cursor();
        if (listing instanceof SnapshotListing.OnePeriod one) {
            Period period = one.period();
            if (unitDay(one.member(), period.type())) {
                return listing(() -> unitDays.ofDay(period.start(), limit, cursor));
            }
            return listing(() -> page(store.ofPeriod(one.member(), period, limit, cursor)));
        }
        SnapshotListing.History history = (SnapshotListing.History) listing;
        String scope = history.scope();
        String id = group(scope, history.id());
        if (unitDay(scope, history.type())) {
            return listing(() -> unitDays.history(directory.unit(id, "id"), limit, cursor));
        }
        return listing(() -> page(store.history(scope, id, history.type(), limit, cursor)));
    }

    /** A unit's days are computed from its tallies when read; every other snapshot is stored by the runs. */
    private static boolean unitDay(String scope, PeriodType type) {
        return scope.equals("unit") && type == PeriodType.DAY;
    }

    private static SnapshotPage page(SnapshotStore.Page page) {
        return new SnapshotPage(page.items(), page.cursor().orElse(null));
    }

    private String group(String scope, String id) {
        Organisation org = directory.organisation();
        switch (scope) {
            case "unit" -> directory.unit(id, "id");
            case "region" -> {
                if (!org.unitsByRegion().containsKey(id)) {
                    throw new SymmetryException(ErrorCode.NOT_FOUND, "id", "there is no region " + id);
                }
            }
            default -> {
                if (!org.id().equals(id)) {
                    throw new SymmetryException(ErrorCode.NOT_FOUND, "id", "there is no organisation " + id);
                }
            }
        }
        return id;
    }

    private static SnapshotPage listing(Supplier<SnapshotPage> read) {
        try {
            return read.get();
        } catch (PageCursor.InvalidCursor e) {
            throw new SymmetryException(ErrorCode.INVALID_FIELD, "cursor", e.getMessage());
        }
    }
}
