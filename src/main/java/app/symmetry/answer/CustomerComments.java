package app.symmetry.answer;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.inject.Singleton;

import app.symmetry.domain.PageCursor;
import app.symmetry.domain.Period;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.organisation.Organisation;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.storage.AnswerStore;

/**
 * Reads customers' comments of a unit, a region or the organisation over one period, newest day first and
 * newest first within a day (to the second: a sort key's time; answers of one second come in no set order).
 * <p>
 * Answers are stored per unit and day, in the order received, so a page is one Query per unit and day,
 * read backwards from where the last page stopped and merged across units: no scan, no index. A page reads
 * at most {@value #MAX_PARTITIONS} partitions (an organisation's month of quiet days would otherwise read
 * every unit's every day in one request); a page that stops there may be short, even empty, and its cursor
 * goes on from the next day. Employees' comments are not stored (README), so there are none to read.
 */
@Singleton
public class CustomerComments {

    static final int MAX_PARTITIONS = 200;
    private static final List<String> POSITION = List.of("scope", "id", "period", "day", "below");
    private static final String WHOLE_DAY = "-";

    private final OrganisationDirectory directory;
    private final AnswerStore store;
    private final Clock clock;

    public CustomerComments(OrganisationDirectory directory, AnswerStore store, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.clock = clock;
    }

    /** @param reaches the units the caller may read (a scoped key's region or organisation: its own units only) */
    public CommentPage list(CommentListing listing, Predicate<Unit> reaches) {
        List<Unit> units =
                units(listing.scope(), listing.id()).stream().filter(reaches).toList();
        Period period = listing.period();
        Map<String, String> which = Map.of("scope", listing.scope(), "id", listing.id(), "period", period.key());
        // No unit's day is later than tomorrow in UTC: the period's days after that hold nothing yet.
        LocalDate last = period.end();
        LocalDate latest = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1);
        if (last.isAfter(latest)) {
            last = latest;
        }
        LocalDate day = last;
        Optional<String> below = Optional.empty();
        if (listing.cursor().isPresent()) {
            Map<String, String> position = position(listing.cursor().get(), which, period);
            day = LocalDate.parse(position.get("day"));
            below = position.get("below").equals(WHOLE_DAY) ? Optional.empty() : Optional.of(position.get("below"));
        }
        int limit = listing.limit();
        List<Comment> items = new ArrayList<>();
        int read = 0;
        for (; !day.isBefore(period.start()); day = day.minusDays(1), below = Optional.empty()) {
            int wanted = limit - items.size();
            List<AnswerStore.StoredComment> merged = new ArrayList<>();
            boolean more = false;
            for (Unit unit : units) {
                List<AnswerStore.StoredComment> found = store.customerComments(unit.id(), day, below, wanted);
                more |= found.size() == wanted;
                merged.addAll(found);
            }
            read += units.size();
            // Sort keys start with the time received, to the second, then the submission id: unique across units.
            merged.sort(Comparator.comparing(AnswerStore.StoredComment::sortKey).reversed());
            List<AnswerStore.StoredComment> taken = merged.subList(0, Math.min(wanted, merged.size()));
            taken.forEach(c -> items.add(comment(c)));
            if (items.size() == limit) {
                boolean after = more || merged.size() > taken.size() || day.isAfter(period.start());
                return new CommentPage(
                        items,
                        after ? cursor(which, day, taken.get(taken.size() - 1).sortKey()) : null);
            }
            if (read >= MAX_PARTITIONS && day.isAfter(period.start())) {
                return new CommentPage(items, cursor(which, day.minusDays(1), WHOLE_DAY));
            }
        }
        return new CommentPage(items, null);
    }

    private List<Unit> units(String scope, String id) {
        Organisation org = directory.organisation();
        return switch (scope) {
            case "unit" -> List.of(directory.unit(id, "id"));
            case "region" -> {
                List<Unit> units = org.unitsByRegion().get(id);
                if (units == null) {
                    throw new SymmetryException(ErrorCode.NOT_FOUND, "id", "there is no region " + id);
                }
                yield units;
            }
            default -> {
                if (!org.id().equals(id)) {
                    throw new SymmetryException(ErrorCode.NOT_FOUND, "id", "there is no organisation " + id);
                }
                yield org.pooledUnits();
            }
        };
    }

    private static Comment comment(AnswerStore.StoredComment c) {
        return new Comment(
                c.unitId(), c.day().toString(), c.recommend(), Comment.groupOf(c.recommend()), c.ratings(), c.text());
    }

    private static String cursor(Map<String, String> which, LocalDate day, String below) {
        Map<String, String> position = new HashMap<>(which);
        position.put("day", day.toString());
        position.put("below", below);
        return PageCursor.encode(position);
    }

    private static Map<String, String> position(String cursor, Map<String, String> which, Period period) {
        try {
            Map<String, String> position = PageCursor.decode(cursor, POSITION, which);
            if (!period.contains(LocalDate.parse(position.get("day")))) {
                throw new PageCursor.InvalidCursor();
            }
            return position;
        } catch (PageCursor.InvalidCursor | DateTimeParseException e) {
            throw new SymmetryException(ErrorCode.INVALID_FIELD, "cursor", new PageCursor.InvalidCursor().getMessage());
        }
    }
}
