package app.symmetry.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;
import app.symmetry.testing.MotoServer;

/**
 * The functions sign and check with the keys of a Secrets Manager secret (moto_server: a real endpoint,
 * reached with the application's own client and AWS identity), and a rotation of that secret reaches
 * them without a restart.
 */
@QuarkusTest
@TestProfile(KeysFromASecretTest.KeysFromASecret.class)
class KeysFromASecretTest {

    static final String SM1 = "sm1:" + "c2VjcmV0cy1tYW5hZ2VyLWtleS1vbmUtMDEyMzQ1Njc4OQ==";
    static final String SM2 = "sm2:" + "c2VjcmV0cy1tYW5hZ2VyLWtleS10d28tMDEyMzQ1Njc4OQ==";

    public static class KeysFromASecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            MotoServer moto = MotoServer.instance();
            return Map.of(
                    "symmetry.token.secret-id", moto.createSecret("token-keys", SM1),
                    "symmetry.token.secrets-endpoint", moto.endpoint(),
                    "symmetry.token.refresh", "PT1S");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void aKeyRotatedInSecretsManagerSignsWithoutARestart() {
        String first = link();
        assertThat(first)
                .as("signed with the secret's key, not the configuration's")
                .startsWith("sm1.");

        String endpoint = ConfigProvider.getConfig().getValue("symmetry.token.secrets-endpoint", String.class);
        String secretId = ConfigProvider.getConfig().getValue("symmetry.token.secret-id", String.class);
        try (SecretsManagerClient operator = MotoServer.secretsAt(endpoint)) {
            operator.putSecretValue(b -> b.secretId(secretId).secretString(SM2 + "," + SM1));
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> link().startsWith("sm2."));

        // a link signed before the rotation still opens its form and is answered
        Api.anonymous(base).body(Map.of("token", first)).post("/getForm").then().statusCode(200);
        Api.anonymous(base)
                .body(Answers.feedback(first))
                .post("/submitFeedback")
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"));
    }

    private String link() {
        return Api.manager(base)
                .body(Map.of("unitId", "paris-opera", "kind", "customer"))
                .post("/issueLinks")
                .then()
                .statusCode(200)
                .extract()
                .path("links[0].token");
    }
}
