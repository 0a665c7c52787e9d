package app.symmetry.organisation;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code listUnits}: the organisation and its units. */
@RegisterForReflection
public record UnitList(OrganisationRef organisation, List<Unit> items) {

    @RegisterForReflection
    public record OrganisationRef(String id, String name) {
    }

    public static UnitList of(Organisation organisation) {
        return new UnitList(new OrganisationRef(organisation.id(), organisation.name()), organisation.units());
    }
}
