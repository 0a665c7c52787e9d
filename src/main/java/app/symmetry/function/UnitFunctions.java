package app.symmetry.function;

import java.util.Map;

import io.quarkus.funqy.Funq;

import app.symmetry.access.Access;
import app.symmetry.access.Role;
import app.symmetry.function.request.InputFields;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.organisation.UnitList;

/** The organisation's units (protected). */
public class UnitFunctions {

    private final OrganisationDirectory directory;
    private final Access access;

    public UnitFunctions(OrganisationDirectory directory, Access access) {
        this.directory = directory;
        this.access = access;
    }

    @Funq
    public UnitList listUnits(Map<String, String> request) {
        Access.Authorized in = access.authorize(request, Role.ADMIN, Role.VIEWER, Role.SERVICE);
        InputFields.ofQuery(in.body());
        UnitList all = UnitList.of(directory.organisation());
        return new UnitList(all.organisation(), access.visible(in.caller(), all.items(), u -> "unit", Unit::id));
    }
}
