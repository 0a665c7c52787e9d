package app.symmetry.organisation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.symmetry.SymmetryConfig;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;

/**
 * Where the organisation, its units and its questionnaire come from: a JSON file named by
 * {@code symmetry.organisation.file}, or the demo organisation shipped in the artifact. The
 * questionnaire is the organisation's own when its file has one, the default mirrored set
 * ({@code organisation/questionnaire.json}) otherwise, so an organisation replaces questions by
 * configuration, without code changes.
 */
@Singleton
public class OrganisationDirectory {

    static final String DEMO = "/organisation/demo.json";
    static final String DEFAULT_QUESTIONNAIRE = "/organisation/questionnaire.json";

    private final Organisation organisation;

    public OrganisationDirectory(SymmetryConfig config, ObjectMapper json) {
        this.organisation = load(config.organisationFile(), json);
    }

    public Organisation organisation() {
        return organisation;
    }

    public Questionnaire questionnaire() {
        return organisation.questionnaire();
    }

    /** The unit a request names, or {@code unknown_unit}. */
    public Unit unit(String unitId, String field) {
        return organisation.unit(unitId).orElseThrow(() -> unknownUnit(unitId, field));
    }

    /** The refusal for a unit that does not exist, or that the caller may not know exists: the same. */
    public SymmetryException unknownUnit(String unitId, String field) {
        return new SymmetryException(
                ErrorCode.UNKNOWN_UNIT, field, "there is no unit " + unitId + " in organisation " + organisation.id());
    }

    /** Read with the application's mapper (a cold start builds one, not two), strictly: see {@link OrganisationJson}. */
    static Organisation load(Optional<String> file, ObjectMapper json) {
        Optional<String> path = file.filter(f -> !f.isBlank());
        String source = path.orElse(DEMO);
        try (InputStream in = path.isPresent()
                ? Files.newInputStream(Path.of(path.get()))
                : OrganisationDirectory.class.getResourceAsStream(DEMO)) {
            return OrganisationJson.organisation(json.readTree(in), () -> defaultQuestionnaire(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the organisation " + source, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the organisation " + source + " is not valid: " + e.getMessage(), e);
        }
    }

    private static Questionnaire defaultQuestionnaire(ObjectMapper json) {
        try (InputStream in = OrganisationDirectory.class.getResourceAsStream(DEFAULT_QUESTIONNAIRE)) {
            return OrganisationJson.questionnaire(json.readTree(in), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default questionnaire", e);
        }
    }
}
