package app.symmetry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The packages read top-down, as docs/architecture.md draws them: functions, then the services, then
 * the outbound adapters (storage, mail), then the values they exchange and the pure math, with the error contract at the bottom.
 * Checked on the compiled classes, so an inline fully qualified name counts as much as an import.
 */
class ArchitectureTest {

    private static JavaClasses product;

    @BeforeAll
    static void importTheProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("app.symmetry");
    }

    @Test
    void noArrowRunsBackUp() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("functions")
                .definedBy("app.symmetry.function..")
                .layer("services")
                .definedBy(
                        "app.symmetry.answer..",
                        "app.symmetry.link..",
                        "app.symmetry.aggregation..",
                        "app.symmetry.snapshot..",
                        "app.symmetry.token..",
                        "app.symmetry.access..",
                        "app.symmetry.campaign..",
                        "app.symmetry.followup..",
                        "app.symmetry.audit..",
                        "app.symmetry.invitation..")
                .layer("storage")
                // the outbound adapters: DynamoDB, and SES for e-mail
                .definedBy("app.symmetry.storage..", "app.symmetry.mail..")
                .layer("values")
                .definedBy("app.symmetry.domain..", "app.symmetry.organisation..", "app.symmetry")
                .layer("math")
                .definedBy("app.symmetry.indicator..", "app.symmetry.anonymity..")
                .layer("errors")
                .definedBy("app.symmetry.error..")
                .whereLayer("functions")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("services")
                .mayOnlyBeAccessedByLayers("functions")
                .whereLayer("storage")
                .mayOnlyBeAccessedByLayers("functions", "services")
                .whereLayer("values")
                .mayOnlyBeAccessedByLayers("functions", "services", "storage")
                .whereLayer("math")
                .mayOnlyBeAccessedByLayers("functions", "services", "storage", "values")
                .check(product);
    }

    /** Services may use one another (aggregation assembles snapshots), but never in a circle. */
    @Test
    void noTwoPackagesNeedEachOther() {
        slices().matching("app.symmetry.(*)..").should().beFreeOfCycles().check(product);
    }

    /** The hand-written JSON knows nothing of the product, so every layer may write with it. */
    @Test
    void theJsonWriterStandsAlone() {
        noClasses()
                .that()
                .resideInAPackage("app.symmetry.json..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("java..", "com.fasterxml.jackson.core..", "app.symmetry.json..")
                .check(product);
    }

    /** The indicator math and the anonymity rules are plain Java: testable alone, the same on any host. */
    @Test
    void theMathKnowsNothingOfAwsQuarkusOrStorage() {
        noClasses()
                .that()
                .resideInAnyPackage("app.symmetry.indicator..", "app.symmetry.anonymity..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon..",
                        "io.quarkus..",
                        "io.smallrye..",
                        "jakarta..",
                        "org.eclipse.microprofile..",
                        "com.fasterxml..",
                        "app.symmetry.storage..",
                        "app.symmetry.domain..",
                        "app.symmetry.organisation..")
                .check(product);
    }
}
