package app.symmetry.function.request;

import java.time.YearMonth;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import app.symmetry.access.KeyListing;
import app.symmetry.access.NewApiKey;
import app.symmetry.access.Role;
import app.symmetry.audit.AuditListing;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;

/** Reads the requests of the key functions: a new key, a page of keys, the key to revoke. */
public final class AccessRequests {

    public static final List<String> CREATE_FIELDS = List.of("role", "units", "regions", "label");
    public static final List<String> LIST_FIELDS = List.of("limit", "cursor");
    public static final List<String> REVOKE_FIELDS = List.of("keyId");
    public static final List<String> AUDIT_FIELDS = List.of("month", "limit", "cursor");
    private static final Pattern MONTH = Pattern.compile("^[0-9]{4}-(0[1-9]|1[0-2])$");
    private static final Pattern AUDIT_CURSOR =
            Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{5,18}Z#[0-9a-f]{12}$");
    static final int MAX_SCOPE_ENTRIES = 100;
    private static final Pattern CURSOR = Pattern.compile("^[0-9T:.\\-Z]{20,40}#[A-Za-z0-9_-]{16}$");

    private AccessRequests() {}

    public static NewApiKey create(Map<String, ?> request) {
        InputFields in = InputFields.of(request, CREATE_FIELDS.toArray(String[]::new));
        Set<String> roles = new TreeSet<>();
        for (Role r : Role.values()) {
            roles.add(r.wireName());
        }
        Role role = Role.ofWireName(in.requiredChoice("role", roles)).orElseThrow();
        String label = in.optionalString("label", 100).orElse("");
        List<String> units = ids(request, in, "units");
        List<String> regions = ids(request, in, "regions");
        if (!role.scopable() && (!units.isEmpty() || !regions.isEmpty())) {
            throw in.invalid(
                    units.isEmpty() ? "regions" : "units",
                    "an admin key reaches the whole organisation: give no scope");
        }
        return new NewApiKey(role, units, regions, label);
    }

    public static KeyListing list(Map<String, ?> query) {
        InputFields in = InputFields.ofQuery(query, LIST_FIELDS.toArray(String[]::new));
        int limit = in.optionalInt("limit", 1, 100).orElse(50);
        Optional<String> cursor = in.optionalString("cursor", 80);
        if (cursor.isPresent() && !CURSOR.matcher(cursor.get()).matches()) {
            throw in.invalid("cursor", "cursor is the value a previous page returned");
        }
        return new KeyListing(limit, cursor);
    }

    /** A page of one month's audit log; no month: {@code thisMonth}. A cursor belongs to its month. */
    public static AuditListing auditListing(Map<String, ?> query, YearMonth thisMonth) {
        InputFields in = InputFields.ofQuery(query, AUDIT_FIELDS.toArray(String[]::new));
        Optional<String> month = in.optionalString("month", 7);
        if (month.isPresent() && !MONTH.matcher(month.get()).matches()) {
            throw in.invalid("month", "month is a year and month, e.g. 2026-11");
        }
        int limit = in.optionalInt("limit", 1, 100).orElse(50);
        Optional<String> cursor = in.optionalString("cursor", 60);
        YearMonth wanted = month.map(YearMonth::parse).orElse(thisMonth);
        if (cursor.isPresent()
                && (!AUDIT_CURSOR.matcher(cursor.get()).matches()
                        || !cursor.get().startsWith(wanted.toString()))) {
            throw in.invalid("cursor", "cursor is the value a previous page of the same month returned");
        }
        return new AuditListing(wanted, limit, cursor);
    }

    public static String revokedKeyId(Map<String, ?> request) {
        return InputFields.of(request, REVOKE_FIELDS.toArray(String[]::new)).requiredString("keyId", 16);
    }

    /** A JSON array of distinct ids (InputFields reads scalars and objects only). */
    private static List<String> ids(Map<String, ?> request, InputFields in, String name) {
        Object value = request == null ? null : request.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw in.invalid(name, name + " must be an array of ids");
        }
        if (list.size() > MAX_SCOPE_ENTRIES) {
            throw new SymmetryException(
                    ErrorCode.TOO_LARGE, name, name + " must have at most " + MAX_SCOPE_ENTRIES + " entries");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s) || s.isBlank() || s.length() > 128) {
                throw new SymmetryException(
                        ErrorCode.INVALID_FIELD, name + "[" + i + "]", name + "[" + i + "] must be an id");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }
}
