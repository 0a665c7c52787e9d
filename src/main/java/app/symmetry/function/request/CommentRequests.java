package app.symmetry.function.request;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import app.symmetry.answer.CommentListing;
import app.symmetry.domain.Period;

/** Reads the query string of {@code listComments}. */
public final class CommentRequests {

    public static final List<String> LIST_FIELDS = List.of("scope", "id", "period", "limit", "cursor");
    /** A page holds at most this many comments: they are read to be read by people, a screen at a time. */
    public static final int MAX_LIMIT = 50;

    private static final Set<String> SCOPES = Set.of("unit", "region", "org");

    private CommentRequests() {}

    public static CommentListing list(Map<String, ?> query) {
        InputFields in = InputFields.ofQuery(query, LIST_FIELDS.toArray(String[]::new));
        String scope = in.requiredChoice("scope", SCOPES);
        String id = in.requiredString("id", 128);
        Period period = Period.parse(in.requiredString("period", 32))
                .orElseThrow(() -> in.invalid("period", "period is DAY:2026-11-23, WEEK:2026-W48 or MONTH:2026-11"));
        int limit = in.optionalInt("limit", 1, MAX_LIMIT).orElse(20);
        Optional<String> cursor = in.optionalString("cursor", 2048);
        return new CommentListing(scope, id, period, limit, cursor);
    }
}
