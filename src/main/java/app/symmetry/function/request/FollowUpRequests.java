package app.symmetry.function.request;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import app.symmetry.domain.FollowUpStatus;
import app.symmetry.followup.FollowUpChange;
import app.symmetry.followup.FollowUpListing;

/** Reads the requests of {@code listFollowUps}, {@code updateFollowUp} and {@code eraseContact}. */
public final class FollowUpRequests {

    public static final List<String> LIST_FIELDS = List.of("scope", "id", "status", "limit", "cursor");
    public static final List<String> UPDATE_FIELDS = List.of("followUpId", "status", "note");
    public static final List<String> ERASE_FIELDS = List.of("followUpId");
    public static final int MAX_NOTE = 500;
    private static final Set<String> SCOPES = Set.of("unit", "region", "org");

    private FollowUpRequests() {}

    public static FollowUpListing list(Map<String, ?> query) {
        InputFields in = InputFields.ofQuery(query, LIST_FIELDS.toArray(String[]::new));
        String scope = in.requiredChoice("scope", SCOPES);
        String id = null;
        if (scope.equals("org")) {
            if (in.has("id")) {
                throw in.invalid("id", "scope=org lists the whole organisation: give no id");
            }
        } else {
            id = in.requiredString("id", 128);
        }
        Optional<FollowUpStatus> status =
                in.optionalChoice("status", statuses()).flatMap(FollowUpStatus::ofWireName);
        int limit = in.optionalInt("limit", 1, 100).orElse(25);
        Optional<String> cursor = in.optionalString("cursor", 2048);
        return new FollowUpListing(scope, id, status, limit, cursor);
    }

    public static FollowUpChange update(Map<String, ?> body) {
        InputFields in = InputFields.of(body, UPDATE_FIELDS.toArray(String[]::new));
        String id = in.requiredUuid("followUpId").toString();
        FollowUpStatus status = FollowUpStatus.ofWireName(in.requiredChoice("status", statuses()))
                .orElseThrow();
        Optional<String> note = in.optionalString("note", MAX_NOTE).map(String::strip);
        return new FollowUpChange(id, status, note);
    }

    public static String erasedFollowUpId(Map<String, ?> body) {
        return InputFields.of(body, ERASE_FIELDS.toArray(String[]::new))
                .requiredUuid("followUpId")
                .toString();
    }

    private static Set<String> statuses() {
        Set<String> names = new TreeSet<>();
        for (FollowUpStatus s : FollowUpStatus.values()) {
            names.add(s.wireName());
        }
        return names;
    }
}
