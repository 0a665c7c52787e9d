package app.symmetry.function;

import java.util.Map;

import app.symmetry.function.request.InputFields;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.UnitList;
import io.quarkus.funqy.Funq;

/** The organisation's units (protected). */
public class UnitFunctions {

    private final OrganisationDirectory directory;

    public UnitFunctions(OrganisationDirectory directory) {
        this.directory = directory;
    }

    @Funq
    public UnitList listUnits(Map<String, String> request) {
        InputFields.ofQuery(request);
        return UnitList.of(directory.organisation());
    }
}
