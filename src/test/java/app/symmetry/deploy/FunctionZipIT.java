package app.symmetry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package} (failsafe, always on): the Lambda artifact holds the function and
 * nothing local-only — no DynamoDB Local, no SQLite natives, no Funqy HTTP binding, no local classes.
 */
class FunctionZipIT {

    static final List<String> FORBIDDEN = List.of(
            "DynamoDBLocal",
            "sqlite4java",
            "libsqlite4java",
            "funqy-http",
            "log4j-core",
            "app/symmetry/local/",
            "app/symmetry/testing/");

    @Test
    void functionZipHoldsNoTestOrLocalOnlyParts() throws IOException {
        Path zip = Deployment.ROOT.resolve("target/function.zip");
        // Under failsafe (after package) the zip is required; a plain surefire run of this package skips it visibly.
        Assumptions.assumeTrue(
                Files.exists(zip) || Boolean.getBoolean("symmetry.function-zip.required"),
                "target/function.zip not built yet: run ./mvnw verify");
        assertThat(zip).as("./mvnw package makes target/function.zip").exists();
        List<String> names = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            file.stream().map(ZipEntry::getName).forEach(names::add);
        }
        assertThat(names)
                .as("a JVM (the function classes and lib/) or native (bootstrap) function")
                .anyMatch(n -> n.equals("bootstrap") || n.startsWith("app/symmetry/function/"));
        for (String forbidden : FORBIDDEN) {
            assertThat(names).as("function.zip must not carry " + forbidden).noneMatch(n -> n.contains(forbidden));
        }
        assertThat(Files.size(zip)).isLessThan(120L * 1024 * 1024);
    }

    /**
     * -Dsymmetry.organisation=file: the build packs that file as organisation.json (that the functions
     * started as the template says serve it is PackagedFunctionIT's part).
     */
    @Test
    void functionZipCarriesTheOrganisationTheBuildWasGiven() throws IOException {
        Path zip = Deployment.ROOT.resolve("target/function.zip");
        Assumptions.assumeTrue(
                System.getProperty("symmetry.organisation") != null,
                "run by failsafe, which passes the build's symmetry.organisation");
        Path given = Path.of(System.getProperty("symmetry.organisation"));
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry("organisation.json");
            assertThat(entry).as("function.zip holds organisation.json").isNotNull();
            assertThat(file.getInputStream(entry).readAllBytes()).isEqualTo(Files.readAllBytes(given));
        }
    }
}
