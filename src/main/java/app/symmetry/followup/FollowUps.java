package app.symmetry.followup;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import app.symmetry.access.Caller;
import app.symmetry.domain.FollowUp;
import app.symmetry.domain.PageCursor;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.organisation.Organisation;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.storage.FollowUpStore;

/**
 * Lists and moves a unit's follow-ups, within the caller's scope, and erases a customer's address
 * on request. The roles are checked by the functions; the scope here, on the follow-up's own unit.
 */
@Singleton
public class FollowUps {

    /** DynamoDB's bound on the operands of {@code IN}: a listing filters on at most that many units. */
    private static final int MAX_UNIT_FILTER = 100;

    private final FollowUpStore store;
    private final OrganisationDirectory directory;
    private final Clock clock;

    public FollowUps(FollowUpStore store, OrganisationDirectory directory, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    public FollowUpPage list(Caller caller, FollowUpListing listing) {
        Organisation org = directory.organisation();
        List<Unit> wanted = switch (listing.scope()) {
            case "unit" -> {
                Unit unit = org.unit(listing.id())
                        .filter(caller.scope()::reachesUnit)
                        .orElseThrow(() -> directory.unknownUnit(listing.id(), "id"));
                yield List.of(unit);
            }
            case "region" -> {
                List<Unit> inRegion = org.units().stream()
                        .filter(u -> u.region().equals(listing.id()))
                        .toList();
                List<Unit> reached =
                        inRegion.stream().filter(caller.scope()::reachesUnit).toList();
                if (reached.isEmpty()) {
                    // out of scope reads as no such region, as for snapshots
                    throw new SymmetryException(ErrorCode.NOT_FOUND, "id", "there is no region " + listing.id());
                }
                yield reached;
            }
            default -> org.units().stream().filter(caller.scope()::reachesUnit).toList();
        };
        List<String> regions =
                wanted.stream().map(Unit::region).distinct().sorted().toList();
        Set<String> allOfRegions = org.units().stream()
                .filter(u -> regions.contains(u.region()))
                .map(Unit::id)
                .collect(Collectors.toSet());
        Set<String> units = wanted.stream().map(Unit::id).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> filter = units.equals(allOfRegions) ? Set.of() : units;
        if (filter.size() > MAX_UNIT_FILTER) {
            throw new SymmetryException(
                    ErrorCode.INVALID_FIELD, "scope", "list follow-ups by unit or region for a scope this wide");
        }
        Map<String, String> identity = Map.of(
                "scope",
                listing.scope(),
                "id",
                listing.id() == null ? "" : listing.id(),
                "status",
                listing.status().map(s -> s.wireName()).orElse(""));
        Optional<String> before = listing.cursor().map(c -> {
            try {
                return PageCursor.decode(c, List.of("scope", "id", "status", "before"), identity)
                        .get("before");
            } catch (PageCursor.InvalidCursor e) {
                throw new SymmetryException(ErrorCode.INVALID_FIELD, "cursor", e.getMessage());
            }
        });
        FollowUpStore.Page page = store.list(regions, filter, listing.status(), before, listing.limit());
        String cursor = page.next()
                .map(next -> {
                    Map<String, String> position = new HashMap<>(identity);
                    position.put("before", next);
                    return PageCursor.encode(position);
                })
                .orElse(null);
        return new FollowUpPage(page.items().stream().map(FollowUpView::of).toList(), cursor);
    }

    /** Moves a follow-up on; closing it deletes the customer's address. */
    public FollowUpView update(Caller caller, FollowUpChange change) {
        FollowUp current = inScope(caller, change.followUpId(), "close or update");
        if (!current.status().mayBecome(change.status())) {
            throw new SymmetryException(
                    ErrorCode.INVALID_TRANSITION,
                    "status",
                    "a follow-up that is " + current.status().wireName() + " cannot become "
                            + change.status().wireName() + " (open, then contacted, then closed)");
        }
        FollowUpStore.Updated updated =
                store.update(current.id(), current.status(), change.status(), change.note(), clock.instant());
        if (updated == FollowUpStore.Updated.MOVED_ON) {
            throw new SymmetryException(
                    ErrorCode.INVALID_TRANSITION, "status", "this follow-up changed meanwhile; read it again");
        }
        return FollowUpView.of(store.find(current.id()).orElseThrow(() -> notFound(current.id())));
    }

    /** Deletes a customer's address, the follow-up itself staying (admins only, checked by the function). */
    public ErasedContact eraseContact(Caller caller, String followUpId) {
        FollowUp current = inScope(caller, followUpId, "erase");
        return new ErasedContact(current.id(), store.eraseContact(current.id(), clock.instant()));
    }

    /**
     * The follow-up, if the caller reaches its unit. Another unit's is refused as forbidden, not
     * hidden: its id is a random UUID only ever shown to those who may see it.
     */
    private FollowUp inScope(Caller caller, String id, String what) {
        FollowUp followUp = store.find(id).orElseThrow(() -> notFound(id));
        boolean reached = directory
                .organisation()
                .unit(followUp.unitId())
                .map(caller.scope()::reachesUnit)
                .orElse(!caller.scope().restricted());
        if (!reached) {
            throw Caller.forbidden("this key may not " + what + " follow-ups of unit " + followUp.unitId());
        }
        return followUp;
    }

    private static SymmetryException notFound(String id) {
        return new SymmetryException(ErrorCode.NOT_FOUND, "followUpId", "there is no follow-up " + id);
    }
}
