package app.symmetry.access;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import app.symmetry.organisation.Organisation;
import app.symmetry.organisation.Unit;

/**
 * The units a key reaches: named units, and every unit of named regions. Empty: the whole
 * organisation. A scoped key also reads the totals above what it reaches (its units' regions and the
 * organisation), which anonymity publishes for everybody alike; never a unit or region beside it.
 */
public record Scope(Set<String> units, Set<String> regions) {

    public static final Scope EVERYTHING = new Scope(Set.of(), Set.of());

    public Scope {
        units = Set.copyOf(new TreeSet<>(units));
        regions = Set.copyOf(new TreeSet<>(regions));
    }

    public static Scope of(List<String> units, List<String> regions) {
        return new Scope(Set.copyOf(units), Set.copyOf(regions));
    }

    public boolean restricted() {
        return !units.isEmpty() || !regions.isEmpty();
    }

    public boolean reachesUnit(Unit unit) {
        return !restricted() || units.contains(unit.id()) || regions.contains(unit.region());
    }

    /** A region is visible when it is in the scope, or holds a unit that is (its total is "above" that unit). */
    public boolean seesRegion(String region, Organisation organisation) {
        if (!restricted() || regions.contains(region)) {
            return true;
        }
        return organisation.units().stream().anyMatch(u -> u.region().equals(region) && units.contains(u.id()));
    }

    /** Whether a snapshot of {@code scope}/{@code id} may be read: {@code unit}, {@code region} or {@code org}. */
    public boolean sees(String scope, String id, Organisation organisation) {
        return switch (scope) {
            case "unit" -> organisation.unit(id).map(this::reachesUnit).orElse(!restricted());
            case "region" -> seesRegion(id, organisation);
            default -> true;
        };
    }

    /** The scope as the gateway's authorizer passes it on: {@code units=a,b;regions=r}, sorted. */
    public String wireForm() {
        return "units=" + String.join(",", new TreeSet<>(units)) + ";regions="
                + String.join(",", new TreeSet<>(regions));
    }
}
