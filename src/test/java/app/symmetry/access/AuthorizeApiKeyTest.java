package app.symmetry.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.OtherFunctions;

/**
 * {@code authorizeApiKey}, API Gateway's REQUEST authorizer, through the Lambda binding: a key an admin
 * created ({@code createApiKey}, its own Lambda: {@link OtherFunctions}) is allowed with its own role
 * and scope; a missing, unknown or revoked key fails with exactly {@code Unauthorized}, the message API
 * Gateway turns into a 401. Runs against the packaged function too (AuthorizeApiKeyIT).
 */
@QuarkusTest
@TestProfile(FunctionProfiles.AuthorizeApiKey.class)
class AuthorizeApiKeyTest {

    static final String ARN = "arn:aws:execute-api:eu-west-3:123456789012:abcdef1234/live/GET/getSnapshot";

    @TestHTTPResource("/")
    URL base;

    private Map<String, Object> created(String role, List<String> units) {
        return OtherFunctions.call(
                        base, "createApiKey", Map.of("role", role, "units", units, "label", "authorizer test"))
                .statusCode(200)
                .extract()
                .as(Map.class);
    }

    private static Map<String, Object> request(String presented) {
        Map<String, Object> event = new HashMap<>();
        event.put("type", "REQUEST");
        event.put("methodArn", ARN);
        event.put("headers", presented == null ? Map.of("Accept", "*/*") : Map.of("X-Api-Key", presented));
        return event;
    }

    @Test
    void aKeyAnAdminCreatedIsAllowedWithItsOwnRoleAndScope() {
        Map<String, Object> key = created("viewer", List.of("lyon-part-dieu"));
        LambdaClient.invoke(request((String) key.get("apiKey")))
                .statusCode(200)
                .body("principalId", equalTo(key.get("keyId")))
                .body("policyDocument.Statement[0].Effect", equalTo("Allow"))
                .body("context.role", equalTo("viewer"))
                .body("context.scope", equalTo("units=lyon-part-dieu;regions="));
    }

    @Test
    void aMissingUnknownOrRevokedKeyIsUnauthorized() {
        Map<String, Object> key = created("admin", List.of());
        OtherFunctions.call(base, "revokeApiKey", Map.of("keyId", key.get("keyId")))
                .statusCode(200);
        for (String presented : new String[] {(String) key.get("apiKey"), null, "", "sym.AAAAAAAAAAAAAAAA.x"}) {
            assertThat(LambdaClient.functionError(request(presented)))
                    .as("presented %s", presented)
                    .isEqualTo("Unauthorized");
        }
    }
}
