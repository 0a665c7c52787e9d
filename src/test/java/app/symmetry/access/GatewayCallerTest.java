package app.symmetry.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import app.symmetry.function.AccessFunctions;
import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.ReliabilityCounters;

/**
 * The AWS path, through the Lambda binding: API Gateway's authorizer turns the presented key into
 * {@code keyId|role|scope}, the request template hands it to the function, and the function checks it
 * again against the stored key. What a stale authorizer cache or a forged context would let through,
 * the function refuses. (The recompute is the function here: a write that only an admin may start.)
 */
@QuarkusTest
@TestProfile(FunctionProfiles.AggregateSnapshots.class)
class GatewayCallerTest {

    static final String ARN = "arn:aws:execute-api:eu-west-3:123456789012:abcdef1234/live/POST/aggregateSnapshots";

    @Inject
    ApiKeys keys;

    @Inject
    AccessFunctions functions;

    private CreatedApiKey key(String role, List<String> units) {
        return keys.create(Caller.DIRECT, new NewApiKey(Role.ofWireName(role).orElseThrow(), units, List.of(), ""));
    }

    /**
     * What the request template makes of a POST: the client's body, and the authorizer's caller. The
     * recompute covers days no other test aggregates: the tests share a table, and a closed month's
     * published employee side never changes, so a second class could not publish that month again.
     */
    private static Map<String, Object> throughTheGateway(String caller) {
        return Map.of("body", Map.of("from", "2026-01-05", "to", "2026-01-06"), "caller", caller);
    }

    private static String refusal(Map<String, Object> event) {
        String message = LambdaClient.invoke(event).statusCode(500).extract().path("errorMessage");
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
        return message;
    }

    private GatewayPolicy authorize(String presented) {
        Map<String, Object> event = new HashMap<>();
        event.put("type", "REQUEST");
        event.put("methodArn", ARN);
        event.put("headers", presented == null ? Map.of("Accept", "*/*") : Map.of("X-Api-Key", presented));
        return functions.authorizeApiKey(event);
    }

    @Test
    void theAuthorizerPassesTheKeysOwnRoleAndScopeAndTheFunctionAcceptsThem() {
        CreatedApiKey admin = key("admin", List.of());
        GatewayPolicy policy = authorize(admin.apiKey());
        assertThat(policy.principalId()).isEqualTo(admin.keyId());
        assertThat(policy.policyDocument().statement()).singleElement().satisfies(s -> {
            assertThat(s.effect()).isEqualTo("Allow");
            assertThat(s.resource())
                    .as("cached for every method of the API")
                    .isEqualTo("arn:aws:execute-api:eu-west-3:123456789012:abcdef1234/live/*");
        });
        assertThat(policy.context())
                .containsEntry("keyId", admin.keyId())
                .containsEntry("role", "admin")
                .containsEntry("scope", "units=;regions=");
        String caller = policy.context().get("keyId") + "|" + policy.context().get("role") + "|"
                + policy.context().get("scope");
        LambdaClient.invoke(throughTheGateway(caller)).statusCode(200);
    }

    @Test
    void theAuthorizerRefusesMissingUnknownAndRevokedKeys() {
        CreatedApiKey viewer = key("viewer", List.of("lyon-part-dieu"));
        assertThat(authorize(viewer.apiKey()).context()).containsEntry("scope", "units=lyon-part-dieu;regions=");
        keys.revoke(Caller.DIRECT, viewer.keyId());
        for (String presented : new String[] {viewer.apiKey(), null, "", "sym.AAAAAAAAAAAAAAAA.x", "test-api-key"}) {
            assertThatThrownBy(() -> authorize(presented))
                    .isInstanceOf(Unauthorized.class)
                    .hasToString("Unauthorized");
            ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
        }
    }

    @Test
    void aKeyRevokedWhileTheAuthorizerCachesItIsRefusedByTheFunction() {
        CreatedApiKey admin = key("admin", List.of());
        keys.revoke(Caller.DIRECT, admin.keyId());
        // The gateway may still hold the authorizer's answer for its TTL: the function reads the key again.
        assertThat(refusal(throughTheGateway(admin.keyId() + "|admin|units=;regions=")))
                .contains("\"code\":\"unauthenticated\"");
    }

    @Test
    void aViewerKeyClaimingAdminInTheGatewayContextIsRefused() {
        CreatedApiKey viewer = key("viewer", List.of());
        assertThat(refusal(throughTheGateway(viewer.keyId() + "|admin|units=;regions=")))
                .contains("\"code\":\"forbidden\"");
        // Its own, true context: a viewer may not recompute either.
        assertThat(refusal(throughTheGateway(viewer.keyId() + "|viewer|units=;regions=")))
                .contains("\"code\":\"forbidden\"");
    }

    @Test
    void aForgedScopeInTheGatewayContextIsRefused() {
        CreatedApiKey hr = key("hr", List.of("lyon-part-dieu"));
        assertThat(refusal(throughTheGateway(hr.keyId() + "|hr|units=;regions=")))
                .contains("\"code\":\"forbidden\"")
                .contains("not this key's");
        assertThat(refusal(throughTheGateway(hr.keyId() + "|hr|units=lyon-part-dieu,paris-opera;regions=")))
                .contains("\"code\":\"forbidden\"");
        assertThat(refusal(throughTheGateway("nobody|admin|units=;regions="))).contains("\"code\":\"unauthenticated\"");
        assertThat(refusal(throughTheGateway("garbage"))).contains("\"code\":\"unauthenticated\"");
        assertThat(refusal(Map.of("from", "2026-01-05", "to", "2026-01-06", "caller", Map.of("role", "admin"))))
                .contains("\"code\":\"unauthenticated\"");
    }

    @Test
    void theScheduleInvokesDirectlyAndIsTrustedByItsIamPath() {
        LambdaClient.invoke(Map.of()).statusCode(200);
    }
}
