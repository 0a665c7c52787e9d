package app.symmetry.function;

import static app.symmetry.testing.Answers.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.Tokens;
import app.symmetry.token.Audience;

/** DynamoDB unreachable: the client is told to retry, never that its answer was taken. */
@QuarkusTest
@TestProfile(StorageUnavailableTest.NoDatabase.class)
class StorageUnavailableTest {

    public static class NoDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a port nothing listens on; the local table set-up is skipped for this profile
            return Map.of(
                    "quarkus.dynamodb.endpoint-override", "http://localhost:9", "symmetry.local.create-table", "false");
        }
    }

    // Not injected: StorageUnavailableIT runs this test against the packaged function, in another process.
    final Tokens tokens = Tokens.fromTestConfig();

    @Test
    void aFailedWriteIsRetryableNotAccepted() {
        String message = LambdaClient.invoke(feedback(tokens.link(
                        Audience.CUSTOMER, "paris-opera", Instant.now().plus(Duration.ofDays(1)))))
                .statusCode(500)
                .extract()
                .path("errorMessage");
        assertThat(message)
                .contains("\"code\":\"storage_unavailable\"")
                .contains("\"retryable\":true")
                .contains("retry with the same submissionId");
    }

    /** A unit code is checked for revocation before anything is written: that read failing asks for a plain retry. */
    @Test
    void aFailedReadBeforeTheWriteIsRetryable() {
        String message = LambdaClient.invoke(feedback(tokens.code(Audience.CUSTOMER, "paris-opera")))
                .statusCode(500)
                .extract()
                .path("errorMessage");
        assertThat(message)
                .contains("\"code\":\"storage_unavailable\"")
                .contains("\"retryable\":true")
                .contains("retry the request")
                .doesNotContain("submissionId");
    }
}
