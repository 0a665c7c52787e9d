package app.symmetry.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The organisation file: the demo, an organisation's own file, and what a mistyped file gets. */
class OrganisationDirectoryTest {

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    private Organisation load(String text) throws IOException {
        Path file = dir.resolve("organisation.json");
        Files.writeString(file, text);
        return OrganisationDirectory.load(Optional.of(file.toString()), json);
    }

    private static final String UNIT = """
            {"id": "lyon-part-dieu", "name": "Lyon Part-Dieu", "region": "aura", "timeZone": "Europe/Paris", "languages": ["fr"]}""";

    @Test
    void theDemoHasTwelveUnitsInThreeRegionsAndTheDefaultQuestionnaire() {
        Organisation demo = OrganisationDirectory.load(Optional.empty(), json);
        assertThat(demo.id()).isEqualTo("demo");
        // and a smoke unit, in no region (docs/deploy.md)
        assertThat(demo.units()).hasSize(13);
        assertThat(demo.smokeUnits()).extracting(Unit::id).containsExactly("smoke-test");
        assertThat(demo.pooledUnits()).hasSize(12);
        assertThat(demo.unitsByRegion()).containsOnlyKeys("ile-de-france", "auvergne-rhone-alpes", "benelux");
        assertThat(demo.questionnaire().dimensionIds())
                .containsExactly("listening", "ownership", "information", "recognition", "cooperation");
        assertThat(demo.questionnaire().headline().customer()).containsKeys("fr", "en");
        assertThat(demo.unit("paris-opera").orElseThrow().zone().getId()).isEqualTo("Europe/Paris");
    }

    @Test
    void anOrganisationsOwnQuestionnaireReplacesTheDefault() throws IOException {
        Organisation own = load("""
                {"id": "acme", "name": "Acme", "units": [%s],
                 "questionnaire": {"headline": {"customer": {"fr": "Recommanderiez-vous ?"}, "employee": {"fr": "Et vous ?"}},
                                   "dimensions": [{"id": "welcome", "customer": {"fr": "Accueil"}, "employee": {"fr": "Accueil"}}]}}
                """.formatted(UNIT));
        assertThat(own.units()).extracting(Unit::id).containsExactly("lyon-part-dieu");
        assertThat(own.questionnaire().dimensionIds()).containsExactly("welcome");
    }

    @Test
    void aMistakeInTheFileIsRefusedWithItsPath() {
        assertThatThrownBy(() -> load("""
                {"id": "acme", "name": "Acme", "units": [%s, {"id": "x", "name": "X", "region": "r", "timeZone": "Europe/Paris",
                 "languages": ["fr"], "timezone": "Europe/Paris"}]}""".formatted(UNIT)))
                .hasMessageContaining("units[1].timezone is not a known member");
        assertThatThrownBy(() -> load("""
                {"id": "acme", "name": "Acme", "units": [{"id": "x", "name": "X", "region": "r", "timeZone": "Mars/Olympus", "languages": []}]}""")).hasMessageContaining("units[0].timeZone");
        assertThatThrownBy(() -> load("""
                {"id": "acme", "units": [%s]}""".formatted(UNIT))).hasMessageContaining("name must be a non-empty string");
        assertThatThrownBy(() -> load("""
                {"id": "acme", "name": "Acme", "units": [%s, %s]}""".formatted(UNIT, UNIT))).hasMessageContaining("appears 2 times");
        assertThatThrownBy(() -> load("""
                {"id": "acme", "name": "Acme", "units": [%s],
                 "questionnaire": {"headline": {"customer": {"fr": 3}, "employee": {"fr": "?"}}, "dimensions": []}}""".formatted(UNIT)))
                .hasMessageContaining("questionnaire.headline.customer.fr must be a non-empty string");
        // a smoke flag written as text would silently pool the smoke test's answers into real figures
        assertThatThrownBy(() -> load("""
                {"id": "acme", "name": "Acme", "units": [{"id": "x", "name": "X", "region": "r", "timeZone": "UTC", "languages": [],
                 "smoke": "true"}]}""")).hasMessageContaining("units[0].smoke must be true or false");
    }

    @Test
    void aUnitsContactAddressAndTheOrganisationsLanguageAreReadAndAMistypedOneRefused() throws IOException {
        Organisation own = load("""
                {"id": "acme", "name": "Acme", "defaultLanguage": "fr", "units": [{"id": "x", "name": "X", "region": "r",
                 "timeZone": "UTC", "languages": [], "contactEmail": "store-x@acme.example"}, %s]}""".formatted(UNIT));
        assertThat(own.defaultLanguage()).isEqualTo("fr");
        assertThat(own.unit("x").orElseThrow().contactAddress()).contains("store-x@acme.example");
        assertThat(own.unit("lyon-part-dieu").orElseThrow().contactAddress()).isEmpty();
        assertThat(OrganisationDirectory.load(Optional.empty(), json).defaultLanguage())
                .isEqualTo("fr");
        assertThat(load("""
                        {"id": "acme", "name": "Acme", "units": [%s]}""".formatted(UNIT)).defaultLanguage())
                .as("none given: English")
                .isEqualTo("en");
        assertThatThrownBy(() -> load("""
                {"id": "acme", "name": "Acme", "units": [{"id": "x", "name": "X", "region": "r", "timeZone": "UTC", "languages": [],
                 "contactEmail": "store x at acme"}]}""")).hasMessageContaining("units[0].contactEmail must be an e-mail address");
        assertThatThrownBy(() -> load("""
                {"id": "acme", "name": "Acme", "defaultLanguage": "de", "units": [%s]}""".formatted(UNIT)))
                .hasMessageContaining("defaultLanguage must be one of [fr, en]");
    }

    @Test
    void aUnitOrRegionIdThatCouldBecomeAFormulaOrSplitAKeyIsRefusedWhenTheFileIsRead() throws IOException {
        for (String bad : new String[] {
            "=HYPERLINK(\\\"http://x\\\")", "+1", "-2", "@sum", "a#b", "a b", "a/b", "é", "x".repeat(65)
        }) {
            assertThatThrownBy(() -> load("""
                    {"id": "acme", "name": "Acme", "units": [{"id": "%s", "name": "X", "region": "r", "timeZone": "UTC", "languages": []}]}""".formatted(bad)))
                    .as(bad)
                    .hasMessageContaining("units[0].id")
                    .hasMessageContaining("is not an id");
            assertThatThrownBy(() -> load("""
                    {"id": "acme", "name": "Acme", "units": [{"id": "x", "name": "X", "region": "%s", "timeZone": "UTC", "languages": []}]}""".formatted(bad)))
                    .as(bad)
                    .hasMessageContaining("units[0].region")
                    .hasMessageContaining("is not an id");
        }
        assertThatThrownBy(() -> load("""
                {"id": "-acme", "name": "Acme", "units": [%s]}""".formatted(UNIT))).hasMessageContaining("id: \"-acme\" is not an id");
        // names are free text: only ids are patterned
        assertThat(load("""
                {"id": "acme", "name": "=Acme", "units": [{"id": "Lyon_2", "name": "+Lyon", "region": "R-1", "timeZone": "UTC", "languages": []}]}""").units()).extracting(Unit::id).containsExactly("Lyon_2");
    }
}
