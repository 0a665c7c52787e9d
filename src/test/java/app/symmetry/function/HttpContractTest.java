package app.symmetry.function;

import static app.symmetry.testing.Answers.feedback;
import static app.symmetry.testing.Answers.with;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URL;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.Tokens;
import app.symmetry.token.Audience;

/** The contract's error codes over HTTP: each code with its status and the structured body. */
@QuarkusTest
class HttpContractTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Tokens tokens;

    private String code(String kind) {
        return Api.manager(base)
                .body(Campaigns.credential(base, "paris-opera", kind))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    private void refused(Object body, String path, int status, String code) {
        Api.anonymous(base)
                .body(body)
                .post(path)
                .then()
                .statusCode(status)
                .body("error.code", equalTo(code))
                .body("error.message", notNullValue())
                .body("error.retryable", equalTo(false));
    }

    @Test
    void answersAreAcceptedOverHttp() {
        Map<String, Object> answer = feedback(code("customer"));
        Api.anonymous(base)
                .body(answer)
                .post("/submitFeedback")
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"))
                .body("submissionId", equalTo(answer.get("submissionId")));
        Api.anonymous(base)
                .body(answer)
                .post("/submitFeedback")
                .then()
                .statusCode(200)
                .body("status", equalTo("duplicate"));
        Api.anonymous(base)
                .body(Answers.pulse(code("pulse")))
                .post("/submitPulse")
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"));
    }

    @Test
    void everyErrorCodeHasItsStatus() {
        String customer = code("customer");
        Api.anonymous(base)
                .body("{\"recommend\": ")
                .post("/submitFeedback")
                .then()
                .statusCode(400)
                .body("error.code", equalTo("malformed_json"));
        refused(with(feedback(customer), "recommend", 42), "/submitFeedback", 400, "invalid_field");
        Api.anonymous(base)
                .body(with(feedback(customer), "recommend", 42))
                .post("/submitFeedback")
                .then()
                .body("error.field", equalTo("recommend"))
                .body("error.message", equalTo("recommend must be an integer from 0 to 10"));
        refused(with(feedback(customer), "extra", 1), "/submitFeedback", 400, "unknown_field");
        refused(with(feedback(customer), "recommend", null), "/submitFeedback", 400, "missing_field");
        refused(with(feedback(customer), "comment", "é".repeat(2001)), "/submitFeedback", 400, "too_large");
        Api.anonymous(base)
                .body("{\"comment\": \"" + "x".repeat(70_000) + "\"}")
                .post("/submitFeedback")
                .then()
                .statusCode(400)
                .body("error.code", equalTo("too_large"));
        Api.anonymous(base).get("/listUnits").then().statusCode(401).body("error.code", equalTo("unauthenticated"));
        Api.anonymous(base)
                .header("x-api-key", "wrong")
                .get("/listUnits")
                .then()
                .statusCode(401);
        refused(feedback("forged.token.value"), "/submitFeedback", 403, "invalid_token");
        refused(feedback(tokens.code(Audience.CUSTOMER, "nowhere")), "/submitFeedback", 404, "unknown_unit");
        Api.manager(base)
                .body(Map.of("unitId", "nowhere", "kind", "customer"))
                .post("/issueUnitCode")
                .then()
                .statusCode(404)
                .body("error.code", equalTo("unknown_unit"))
                .body("error.field", equalTo("unitId"));
        refused(
                feedback(tokens.link(
                        Audience.CUSTOMER, "paris-opera", Instant.now().minusSeconds(1))),
                "/submitFeedback",
                410,
                "link_expired");
        String link = Api.manager(base)
                .body(Map.of("unitId", "paris-opera", "kind", "customer"))
                .post("/issueLinks")
                .then()
                .statusCode(200)
                .extract()
                .path("links[0].token");
        Api.anonymous(base).body(feedback(link)).post("/submitFeedback").then().statusCode(200);
        refused(feedback(link), "/submitFeedback", 410, "link_spent");
        String revoked = code("customer");
        Api.manager(base)
                .body(Map.of("token", revoked))
                .post("/revokeUnitCode")
                .then()
                .statusCode(200);
        refused(feedback(revoked), "/submitFeedback", 410, "token_revoked");
    }

    @Test
    void theDeviceCapAnswers429OverHttp() {
        String customer = code("customer");
        int answered = 0;
        int status = 200;
        while (status == 200 && answered < 50) {
            status = Api.anonymous(base)
                    .header("User-Agent", "cap-test-" + customer.hashCode())
                    .body(feedback(customer))
                    .post("/submitFeedback")
                    .then()
                    .extract()
                    .statusCode();
            answered++;
        }
        Api.anonymous(base)
                .header("User-Agent", "cap-test-" + customer.hashCode())
                .body(feedback(customer))
                .post("/submitFeedback")
                .then()
                .statusCode(429)
                .body("error.code", equalTo("rate_limited"));
    }

    @Test
    void theGatewayEnvelopeIsNotAcceptedFromClients() {
        Api.anonymous(base)
                .body(Answers.viaGateway(feedback(code("customer")), "1.2.3.4"))
                .post("/submitFeedback")
                .then()
                .statusCode(400)
                .body("error.code", equalTo("unknown_field"));
    }
}
