package app.symmetry.deploy;

import static app.symmetry.deploy.Deployment.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Issue 15, item 6: the local run's signing key is in the repository (so that {@code quarkus:dev} runs
 * without a secret), so it must never sign anything outside {@code %dev}/{@code %test}. Read from the
 * real application.properties as SmallRye Config resolves it per profile, and from the template as
 * CloudFormation receives it: no deployed function runs a profile that would pick it up, or is given it.
 */
class DevSigningKeyTest {

    static final Path PROPERTIES = Deployment.ROOT.resolve("src/main/resources/application.properties");
    static final List<String> PROFILE_VARIABLES =
            List.of("QUARKUS_PROFILE", "QUARKUS_CONFIG_PROFILE", "SMALLRYE_CONFIG_PROFILE", "QUARKUS_TEST_PROFILE");

    static Optional<String> tokenKeys(String profile) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(PROPERTIES.toUri().toURL(), 100))
                .build();
        return config.getOptionalValue("symmetry.token.keys", String.class);
    }

    @Test
    void aProductionFunctionNeverStartsWithTheDevSigningKey() throws Exception {
        String devKeys = tokenKeys("dev").orElseThrow(() -> new AssertionError("the local run has no signing key"));
        assertThat(tokenKeys("prod"))
                .as("symmetry.token.keys in the prod profile")
                .isEmpty();

        Map<String, Object> expanded = SamExpansion.get().expanded("every-option");
        Map<String, Map<String, Object>> functions = Deployment.resourcesOfType(expanded, "AWS::Lambda::Function");
        assertThat(functions).isNotEmpty();
        functions.forEach((id, fn) -> {
            Map<String, Object> variables = map(fn, "Properties", "Environment", "Variables");
            assertThat(variables)
                    .as(id + " runs no profile but prod (a dev or test profile would read the dev key)")
                    .doesNotContainKeys(PROFILE_VARIABLES.toArray(String[]::new));
            assertThat(String.valueOf(variables)).as(id).doesNotContain(devKeys.substring(devKeys.indexOf(':') + 1));
        });
    }
}
