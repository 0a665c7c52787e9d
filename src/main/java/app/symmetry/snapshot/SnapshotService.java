package app.symmetry.snapshot;

import app.symmetry.domain.PageCursor;
import app.symmetry.domain.Snapshot;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import app.symmetry.domain.Period;
import app.symmetry.domain.PeriodType;
import app.symmetry.error.ErrorCode;
import app.symmetry.api.InputFields;
import app.symmetry.error.SymmetryException;
import app.symmetry.organisation.Organisation;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.storage.SnapshotStore;

/** Reads snapshots for API clients: one, a group's history, or every unit of one period; a unit's days are computed. */
@Singleton
public class SnapshotService {

    public static final List<String> GET_FIELDS = List.of("scope", "id", "period");
    public static final List<String> LIST_FIELDS = List.of("scope", "id", "periodType", "period", "limit", "cursor");
    private static final Set<String> SCOPES = Set.of("unit", "region", "org");
    private static final Set<String> LIST_SCOPES = Set.of("unit", "region", "org", "units", "regions");
    private static final Set<String> TYPES = Set.of("DAY", "WEEK", "MONTH");

    private final OrganisationDirectory directory;
    private final SnapshotStore store;
    private final UnitDaySnapshots unitDays;

    public SnapshotService(OrganisationDirectory directory, SnapshotStore store, UnitDaySnapshots unitDays) {
        this.directory = directory;
        this.store = store;
        this.unitDays = unitDays;
    }

    public Snapshot get(Map<String, ?> query) {
        InputFields in = InputFields.ofQuery(query, GET_FIELDS.toArray(String[]::new));
        String scope = in.requiredChoice("scope", SCOPES);
        String id = group(scope, in.requiredString("id", 128));
        Period period = period(in, in.requiredString("period", 32));
        Optional<Snapshot> found = unitDay(scope, period.type())
                ? unitDays.get(directory.unit(id, "id"), period.start())
                : store.get(scope, id, period);
        return found.orElseThrow(() -> new SymmetryException(ErrorCode.NOT_FOUND, "period",
                "no snapshot of " + scope + " " + id + " for " + period.key() + " yet"));
    }

    public SnapshotPage list(Map<String, ?> query) {
        InputFields in = InputFields.ofQuery(query, LIST_FIELDS.toArray(String[]::new));
        String scope = in.requiredChoice("scope", LIST_SCOPES);
        int limit = in.optionalInt("limit", 1, 100).orElse(12);
        Optional<String> cursor = in.optionalString("cursor", 2048);
        if (scope.equals("units") || scope.equals("regions")) {
            if (in.has("id") || in.has("periodType")) {
                throw in.invalid(in.has("id") ? "id" : "periodType", "scope=" + scope + " lists one period: give period, not id or periodType");
            }
            Period period = period(in, in.requiredString("period", 32));
            String member = scope.equals("units") ? "unit" : "region";
            if (unitDay(member, period.type())) {
                return listing(in, () -> unitDays.ofDay(period.start(), limit, cursor));
            }
            return listing(in, () -> page(store.ofPeriod(member, period, limit, cursor)));
        }
        if (in.has("period")) {
            throw in.invalid("period", "scope=" + scope + " lists a history: give periodType, not period");
        }
        String id = group(scope, in.requiredString("id", 128));
        PeriodType type = PeriodType.valueOf(in.optionalChoice("periodType", TYPES).orElse("MONTH"));
        if (unitDay(scope, type)) {
            return listing(in, () -> unitDays.history(directory.unit(id, "id"), limit, cursor));
        }
        return listing(in, () -> page(store.history(scope, id, type, limit, cursor)));
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

    private static Period period(InputFields in, String key) {
        return Period.parse(key).orElseThrow(() -> in.invalid("period",
                "period is DAY:2026-11-23, WEEK:2026-W48 or MONTH:2026-11"));
    }

    private static SnapshotPage listing(InputFields in, java.util.function.Supplier<SnapshotPage> read) {
        try {
            return read.get();
        } catch (PageCursor.InvalidCursor e) {
            throw in.invalid("cursor", e.getMessage());
        }
    }
}
