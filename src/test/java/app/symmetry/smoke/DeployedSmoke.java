package app.symmetry.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The smoke test against a deployment: {@code ./mvnw -Psmoke verify -Dsmoke.url=<API URL> -Dsmoke.key=<API key>}
 * (docs/deploy.md). Run by the {@code smoke} profile only, and alone: its name matches none of the
 * build's test patterns.
 */
class DeployedSmoke {

    @Test
    void theDeployedSystemAnswersEndToEndOnItsSmokeUnit() {
        String url = System.getProperty("smoke.url", "");
        String key = System.getProperty("smoke.key", "");
        assertThat(url)
                .as("-Dsmoke.url=<the API's base URL, as 'sam deploy' prints it>")
                .isNotBlank();
        assertThat(key)
                .as("-Dsmoke.key=<an API key allowed to call the protected functions>")
                .isNotBlank();
        List<SmokeCheck.Step> steps = new SmokeCheck(URI.create(url), key).run();
        String table = SmokeCheck.table(steps);
        System.out.println("\nSmoke test of " + url + "\n" + table);
        assertThat(SmokeCheck.allPassed(steps)).as(table).isTrue();
    }
}
