package app.symmetry.organisation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import app.symmetry.api.ErrorCode;
import app.symmetry.api.SymmetryException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where the organisation, its units and its questionnaire come from: a JSON file named by
 * {@code symmetry.organisation.file}, or the demo organisation shipped in the artifact. The
 * questionnaire is the organisation's own when its file has one, BRIEF.md's default set otherwise,
 * so an organisation replaces questions by configuration, without code changes.
 */
@ApplicationScoped
public class OrganisationDirectory {

    static final String DEMO = "/organisation/demo.json";
    static final String DEFAULT_QUESTIONNAIRE = "/organisation/questionnaire.json";

    private final Organisation organisation;

    public OrganisationDirectory(@ConfigProperty(name = "symmetry.organisation.file") Optional<String> file, ObjectMapper json) {
        this.organisation = load(file, json.reader().with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    }

    public Organisation organisation() {
        return organisation;
    }

    public Questionnaire questionnaire() {
        return organisation.questionnaire();
    }

    /** The unit a request names, or {@code unknown_unit}. */
    public Unit unit(String unitId, String field) {
        return organisation.unit(unitId).orElseThrow(() -> new SymmetryException(ErrorCode.UNKNOWN_UNIT, field,
                "there is no unit " + unitId + " in organisation " + organisation.id()));
    }

    @RegisterForReflection
    record OrganisationFile(String id, String name, List<Unit> units, Questionnaire questionnaire) {
    }

    /** Read strictly (an unknown member is a mistake in the file), with the application's mapper: a cold start builds one, not two. */
    static Organisation load(Optional<String> file, ObjectReader json) {
        try {
            OrganisationFile read;
            if (file.isPresent() && !file.get().isBlank()) {
                try (InputStream in = Files.newInputStream(Path.of(file.get()))) {
                    read = json.forType(OrganisationFile.class).readValue(in);
                }
            } else {
                try (InputStream in = OrganisationDirectory.class.getResourceAsStream(DEMO)) {
                    read = json.forType(OrganisationFile.class).readValue(in);
                }
            }
            Questionnaire questionnaire = read.questionnaire();
            if (questionnaire == null) {
                try (InputStream in = OrganisationDirectory.class.getResourceAsStream(DEFAULT_QUESTIONNAIRE)) {
                    questionnaire = json.forType(Questionnaire.class).readValue(in);
                }
            }
            return new Organisation(read.id(), read.name(), read.units(), questionnaire);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the organisation " + file.orElse(DEMO), e);
        }
    }
}
