package app.symmetry.function.request;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import app.symmetry.domain.Period;
import app.symmetry.domain.PeriodType;
import app.symmetry.snapshot.SnapshotListing;
import app.symmetry.snapshot.SnapshotQuery;

/** Reads the query strings of {@code getSnapshot} and {@code listSnapshots}. */
public final class SnapshotRequests {

    public static final List<String> GET_FIELDS = List.of("scope", "id", "period");
    public static final List<String> LIST_FIELDS = List.of("scope", "id", "periodType", "period", "limit", "cursor");
    private static final Set<String> SCOPES = Set.of("unit", "region", "org");
    private static final Set<String> LIST_SCOPES = Set.of("unit", "region", "org", "units", "regions");
    private static final Set<String> TYPES = Set.of("DAY", "WEEK", "MONTH");

    private SnapshotRequests() {}

    public static SnapshotQuery get(Map<String, ?> query) {
        InputFields in = InputFields.ofQuery(query, GET_FIELDS.toArray(String[]::new));
        String scope = in.requiredChoice("scope", SCOPES);
        String id = in.requiredString("id", 128);
        return new SnapshotQuery(scope, id, period(in));
    }

    public static SnapshotListing list(Map<String, ?> query) {
        InputFields in = InputFields.ofQuery(query, LIST_FIELDS.toArray(String[]::new));
        String scope = in.requiredChoice("scope", LIST_SCOPES);
        int limit = in.optionalInt("limit", 1, 100).orElse(12);
        Optional<String> cursor = in.optionalString("cursor", 2048);
        if (scope.equals("units") || scope.equals("regions")) {
            if (in.has("id") || in.has("periodType")) {
                throw in.invalid(
                        in.has("id") ? "id" : "periodType",
                        "scope=" + scope + " lists one period: give period, not id or periodType");
            }
            return new SnapshotListing.OnePeriod(scope.equals("units") ? "unit" : "region", period(in), limit, cursor);
        }
        if (in.has("period")) {
            throw in.invalid("period", "scope=" + scope + " lists a history: give periodType, not period");
        }
        String id = in.requiredString("id", 128);
        PeriodType type =
                PeriodType.valueOf(in.optionalChoice("periodType", TYPES).orElse("MONTH"));
        return new SnapshotListing.History(scope, id, type, limit, cursor);
    }

    private static Period period(InputFields in) {
        return Period.parse(in.requiredString("period", 32))
                .orElseThrow(() -> in.invalid("period", "period is DAY:2026-11-23, WEEK:2026-W48 or MONTH:2026-11"));
    }
}
