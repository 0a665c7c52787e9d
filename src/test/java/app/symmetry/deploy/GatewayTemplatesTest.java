package app.symmetry.deploy;

import static app.symmetry.deploy.Deployment.at;
import static app.symmetry.deploy.Deployment.map;
import static app.symmetry.testing.Answers.feedback;
import static app.symmetry.testing.Answers.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.funqy.runtime.ApplicationException;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import app.symmetry.deploy.GatewayEmulation.Invocation;
import app.symmetry.deploy.GatewayEmulation.Refused;
import app.symmetry.deploy.GatewayEmulation.Request;
import app.symmetry.deploy.GatewayEmulation.Response;
import app.symmetry.domain.DeviceOrigin;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.function.request.DeviceOrigins;
import app.symmetry.function.request.GatewayRequest;
import app.symmetry.local.LocalGateway;
import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.LambdaClient;

/**
 * The gateway's mapping templates and integration responses of openapi.yaml executed (GatewayEmulation),
 * on real requests, and what they produce fed to the real function: through the Lambda binding for
 * submitFeedback (the export of this application), through the function's own request reading or its
 * HTTP binding for the others.
 */
@QuarkusTest
class GatewayTemplatesTest {

    /** Strict: a template that made a key twice (the last one winning in Jackson's default) would fail here. */
    static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static final String DEVICE = "198.51.100.23";
    static final String BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)";

    final Map<String, Object> doc = Deployment.openApi();

    @TestHTTPResource("/")
    URL base;

    private Map<String, Object> operation(String path, String method) {
        return map(doc, "paths", path, method);
    }

    private String requestTemplate(String path, String method) {
        return (String)
                at(operation(path, method), "x-amazon-apigateway-integration", "requestTemplates", "application/json");
    }

    private Map<String, Object> integrationResponses(String path, String method) {
        return map(operation(path, method), "x-amazon-apigateway-integration", "responses");
    }

    private String qrCode(String unitId, String kind) {
        Map<String, Object> request = kind.equals("pulse")
                ? Campaigns.credential(base, unitId, kind)
                : Map.of("unitId", unitId, "kind", kind);
        return Api.manager(base)
                .body(request)
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    /** What the authorizer puts in {@code $context.authorizer} for a key, and the caller the template makes of it. */
    private static final Map<String, String> AUTHORIZER = Map.of("keyId", "k1", "role", "admin", "scope", "");

    private static final String CALLER = "k1|admin|";

    /** A protected path's template adds the authorizer's caller beside what the client sent. */
    private boolean protectedPath(String path, String method) {
        return requestTemplate(path, method).contains("$context.authorizer");
    }

    private static String json(Object value) {
        try {
            return GatewayEmulation.JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> strict(String json) {
        try {
            return STRICT.readValue(json, Map.class);
        } catch (Exception e) {
            throw new AssertionError("the template made invalid JSON: " + e.getMessage() + "\n" + json, e);
        }
    }

    private static Map<String, String> headers(String... nameValues) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            h.put(nameValues[i], nameValues[i + 1]);
        }
        return h;
    }

    /** The answer envelope rendered for a request, read exactly as submitFeedback/submitPulse read it. */
    private GatewayRequest answerEnvelope(String path, Request request) {
        Map<String, Object> event = strict(GatewayEmulation.integrationRequest(requestTemplate(path, "post"), request));
        assertThat(event).as("the envelope, nothing else").containsOnlyKeys("body", "origin");
        return GatewayRequest.of(event, new DeviceOrigins());
    }

    // --- request templates -------------------------------------------------------------------------

    @Test
    void anAnswerThroughTheGatewayIsTheAnswerTheFunctionTakesWithTheDevicesOrigin() {
        Map<String, Object> answer = feedback(qrCode("paris-opera", "customer"));
        Request request = Request.post(
                "/submitFeedback",
                json(answer),
                DEVICE,
                headers("Content-Type", "application/json", "User-Agent", BROWSER));
        for (String path : List.of("/submitFeedback", "/submitPulse")) {
            GatewayRequest read = answerEnvelope(path, request);
            assertThat(read.body()).as(path).isEqualTo(answer);
            assertThat(read.origin()).as(path).contains(new DeviceOrigin(DEVICE, BROWSER));
        }
        String event = GatewayEmulation.integrationRequest(requestTemplate("/submitFeedback", "post"), request);
        String receipt = LambdaClient.invokeRaw(event).statusCode(200).extract().asString();
        assertThat(strict(receipt))
                .containsEntry("status", "accepted")
                .containsEntry("submissionId", answer.get("submissionId"));
    }

    @Test
    void aMissingUserAgentStillMakesAnEnvelope() {
        Map<String, Object> answer = feedback(qrCode("lyon-part-dieu", "customer"));
        Request request =
                Request.post("/submitFeedback", json(answer), DEVICE, headers("Content-Type", "application/json"));
        assertThat(answerEnvelope("/submitFeedback", request).origin()).contains(new DeviceOrigin(DEVICE, ""));
        String event = GatewayEmulation.integrationRequest(requestTemplate("/submitFeedback", "post"), request);
        LambdaClient.invokeRaw(event).statusCode(200);
    }

    @Test
    void aLowerCaseUserAgentIsStillTheDevicesUserAgent() {
        // HTTP/2 clients (every browser over HTTPS) send header names in lower case.
        Map<String, Object> answer = feedback(qrCode("lyon-part-dieu", "customer"));
        Request request = Request.post(
                "/submitFeedback",
                json(answer),
                DEVICE,
                headers("content-type", "application/json", "user-agent", BROWSER));
        assertThat(answerEnvelope("/submitFeedback", request).origin()).contains(new DeviceOrigin(DEVICE, BROWSER));
    }

    static List<String> hostileUserAgents() {
        return List.of(
                "x\", \"sourceIp\": \"203.0.113.66",
                "x\"}, \"origin\": {\"sourceIp\": \"203.0.113.66\", \"userAgent\": \"y\"}}",
                "x\\\", \\\"sourceIp\\\": \\\"203.0.113.66",
                "\\u0022},\\u0022origin\\u0022:{\\u0022sourceIp\\u0022:\\u0022203.0.113.66\\u0022}}",
                "it's O'Brien's phone \\' \\\\' '\\",
                "trailing backslash \\",
                "</script><script>alert(1)</script>",
                "#set($ip = '203.0.113.66') $context.identity.sourceIp ${ip}",
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) é ü 你好 \u2028",
                "\t tab");
    }

    @Test
    void aUserAgentCannotForgeTheOrigin() {
        Map<String, Object> answer = feedback(qrCode("paris-bastille", "customer"));
        for (String agent : hostileUserAgents()) {
            Request request = Request.post(
                    "/submitFeedback",
                    json(with(answer, "submissionId", UUID.randomUUID().toString())),
                    DEVICE,
                    headers("Content-Type", "application/json", "User-Agent", agent));
            assertThat(answerEnvelope("/submitFeedback", request).origin())
                    .as(agent)
                    .contains(new DeviceOrigin(DEVICE, agent));
            String event = GatewayEmulation.integrationRequest(requestTemplate("/submitFeedback", "post"), request);
            LambdaClient.invokeRaw(event).statusCode(200);
        }
    }

    @Test
    void aBodyCannotForgeTheOrigin() {
        String code = qrCode("grenoble-victor-hugo", "customer");
        String forged = "\"},\"origin\":{\"sourceIp\":\"203.0.113.66\",\"userAgent\":\"y\"}}";
        String device = Answers.randomIp();
        int cap = ConfigProvider.getConfig().getValue("symmetry.device.daily-cap", Integer.class);
        // Each answer claims another address in its comment: were any claim believed, the device would never reach its
        // cap.
        for (int i = 0; i <= cap; i++) {
            Map<String, Object> answer =
                    with(feedback(code), "comment", "\\u0022 " + forged + " 203.0.113." + i + " \\");
            Request request = Request.post("/submitFeedback", json(answer), device, headers("User-Agent", BROWSER));
            GatewayRequest read = answerEnvelope("/submitFeedback", request);
            assertThat(read.body()).isEqualTo(answer);
            assertThat(read.origin()).contains(new DeviceOrigin(device, BROWSER));
            String event = GatewayEmulation.integrationRequest(requestTemplate("/submitFeedback", "post"), request);
            if (i < cap) {
                LambdaClient.invokeRaw(event).statusCode(200);
            } else {
                String error =
                        LambdaClient.invokeRaw(event).statusCode(500).extract().asString();
                assertThat(GatewayEmulation.methodResponse(
                                        integrationResponses("/submitFeedback", "post"), Invocation.error(error))
                                .status())
                        .isEqualTo(429);
            }
        }
        // An origin inside the body is a member the answer does not have: refused, not believed.
        Map<String, Object> withOrigin =
                with(feedback(code), "origin", Map.of("sourceIp", "203.0.113.66", "userAgent", "y"));
        String event = GatewayEmulation.integrationRequest(
                requestTemplate("/submitFeedback", "post"),
                Request.post("/submitFeedback", json(withOrigin), device, headers("User-Agent", BROWSER)));
        String error = LambdaClient.invokeRaw(event).statusCode(500).extract().asString();
        Response response = GatewayEmulation.methodResponse(
                integrationResponses("/submitFeedback", "post"), Invocation.error(error));
        assertThat(response.status()).isEqualTo(400);
        assertThat(strict(response.body()))
                .extracting("error")
                .extracting("code")
                .isEqualTo("unknown_field");
        // A body shaped as the envelope is a body with two unknown members, not an envelope.
        Map<String, Object> envelope =
                Map.of("body", feedback(code), "origin", Map.of("sourceIp", "203.0.113.66", "userAgent", "y"));
        GatewayRequest read =
                answerEnvelope("/submitFeedback", Request.post("/submitFeedback", json(envelope), device, headers()));
        assertThat(read.origin()).contains(new DeviceOrigin(device, ""));
        assertThat(read.body()).containsOnlyKeys("body", "origin");
    }

    @Test
    void aBodyThatIsNotJsonNeverReachesAFunction() {
        // Spliced text that would close the body and open a forged origin if the template copied it raw.
        String spliced =
                json(feedback("t")) + ",\"origin\":{\"sourceIp\":\"203.0.113.66\",\"userAgent\":\"y\"},\"x\":\"";
        for (String body : List.of(spliced, "", "{\"recommend\": ", "'single'")) {
            for (var op : Deployment.operations(doc).entrySet()) {
                if (op.getValue().containsKey("post")) {
                    assertThatThrownBy(() -> GatewayEmulation.integrationRequest(
                                    requestTemplate(op.getKey(), "post"),
                                    Request.post(op.getKey(), body, DEVICE, headers("User-Agent", BROWSER))))
                            .as(op.getKey() + " " + body)
                            .isInstanceOf(Refused.class);
                    assertThat(at(op.getValue(), "post", "x-amazon-apigateway-request-validator"))
                            .as(op.getKey() + ": the validator that refuses it")
                            .isEqualTo("all");
                }
            }
        }
    }

    @Test
    void onlyCloudFrontWithTheEdgeSecretCanNameTheViewersAddress() {
        Map<String, Object> answer = feedback("t");
        String secret = "edge-secret-0123456789";
        Map<String, String> stage = Map.of("edgeSecret", secret);
        // CloudFront: its secret and the viewer's address:port (IPv4 and IPv6 alike)
        assertThat(answerEnvelope(
                                "/submitFeedback",
                                Request.post(
                                                "/submitFeedback",
                                                json(answer),
                                                "130.176.1.1",
                                                headers(
                                                        "User-Agent",
                                                        BROWSER,
                                                        "X-Symmetry-Edge",
                                                        secret,
                                                        "CloudFront-Viewer-Address",
                                                        "192.0.2.7:46532"))
                                        .withStageVariables(stage))
                        .origin())
                .contains(new DeviceOrigin("192.0.2.7", BROWSER));
        assertThat(answerEnvelope(
                                "/submitFeedback",
                                Request.post(
                                                "/submitFeedback",
                                                json(answer),
                                                "130.176.1.1",
                                                headers(
                                                        "User-Agent",
                                                        BROWSER,
                                                        "X-Symmetry-Edge",
                                                        secret,
                                                        "CloudFront-Viewer-Address",
                                                        "2001:db8:85a3::8a2e:370:7334:46532"))
                                        .withStageVariables(stage))
                        .origin())
                .contains(new DeviceOrigin("2001:db8:85a3::8a2e:370:7334", BROWSER));
        // a client calling the API directly: its claimed viewer address is ignored, with a wrong, empty or absent
        // secret
        for (Map<String, String> h : List.of(
                headers("CloudFront-Viewer-Address", "203.0.113.66:1"),
                headers("CloudFront-Viewer-Address", "203.0.113.66:1", "X-Symmetry-Edge", "guess"),
                headers("CloudFront-Viewer-Address", "203.0.113.66:1", "X-Symmetry-Edge", ""))) {
            for (Map<String, String> variables : List.of(stage, Map.of("edgeSecret", ""), Map.<String, String>of())) {
                Request request =
                        Request.post("/submitFeedback", json(answer), DEVICE, h).withStageVariables(variables);
                if (variables.isEmpty()
                        || !secret.equals(variables.get("edgeSecret"))
                        || !secret.equals(h.get("X-Symmetry-Edge"))) {
                    assertThat(answerEnvelope("/submitFeedback", request).origin())
                            .as(h + " " + variables)
                            .map(DeviceOrigin::sourceIp)
                            .contains(DEVICE);
                }
            }
        }
        // nor as a query parameter ($input.params(name) would search the query string before the headers)
        Request byQuery = new Request(
                "POST",
                "/submitFeedback",
                headers("X-Symmetry-Edge", secret),
                Map.of("CloudFront-Viewer-Address", "203.0.113.66:1"),
                json(answer),
                "130.176.1.1",
                stage);
        assertThat(answerEnvelope("/submitFeedback", byQuery).origin())
                .map(DeviceOrigin::sourceIp)
                .contains("130.176.1.1");
    }

    @Test
    void everyQueryTemplateGivesItsFunctionExactlyTheQuery() {
        Map<String, Map<String, String>> queries = new LinkedHashMap<>();
        queries.put("/listUnits", Map.of());
        queries.put("/getSnapshot", Map.of("scope", "unit", "id", "paris-opera", "period", "MONTH:2020-01"));
        queries.put(
                "/listSnapshots", Map.of("scope", "unit", "id", "paris-opera", "periodType", "MONTH", "limit", "3"));
        queries.put(
                "/listComments", Map.of("scope", "unit", "id", "paris-opera", "period", "MONTH:2026-11", "limit", "5"));
        queries.put("/listApiKeys", Map.of("limit", "5"));
        queries.put("/listFollowUps", Map.of("scope", "unit", "id", "paris-opera", "status", "open", "limit", "5"));
        queries.put("/listAuditLog", Map.of("month", "2026-10", "limit", "5"));
        queries.put("/listCampaigns", Map.of("unitId", "paris-opera", "closingFrom", "2026-01-01"));
        queries.put("/getInvitationBatch", Map.of("batchId", "AAAAAAAAAAAAAAAAAAAAAAAA"));
        List<String> covered = new ArrayList<>();
        Deployment.operations(doc).forEach((path, ops) -> {
            if (ops.containsKey("get")) {
                covered.add(path);
                Map<String, String> query = queries.get(path);
                assertThat(query).as(path + " has a request in this test").isNotNull();
                boolean secured = protectedPath(path, "get");
                Request request = Request.get(path, query, DEVICE);
                String event = GatewayEmulation.integrationRequest(
                        requestTemplate(path, "get"), secured ? request.withAuthorizer(AUTHORIZER) : request);
                Map<String, Object> expected = new LinkedHashMap<>(query);
                if (secured) {
                    expected.put("caller", CALLER);
                }
                assertThat(strict(event)).as(path).isEqualTo(expected);
                // the caller is the AWS path's (GatewayCallerTest); here the HTTP binding's key stands for it
                Map<String, Object> read = strict(event);
                read.remove("caller");
                int status =
                        Api.manager(base).body(read).post(path).then().extract().statusCode();
                assertThat(status)
                        .as(path + " read its query (a snapshot or batch not yet made is 404)")
                        .isIn(200, 404);
            }
        });
        assertThat(covered).containsExactlyInAnyOrderElementsOf(queries.keySet());
        // hostile names and values stay names and values
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("id", "a\",\"id\":\"b' \\ \\u0022 é");
        hostile.put("x\":\"y", "z'");
        String event = GatewayEmulation.integrationRequest(
                requestTemplate("/getSnapshot", "get"),
                Request.get("/getSnapshot", hostile, DEVICE).withAuthorizer(AUTHORIZER));
        Map<String, Object> withCaller = new LinkedHashMap<>(hostile);
        withCaller.put("caller", CALLER);
        assertThat(strict(event)).isEqualTo(withCaller);
        Map<String, Object> read = strict(event);
        read.remove("caller");
        String error = Api.manager(base)
                .body(read)
                .post("/getSnapshot")
                .then()
                .statusCode(400)
                .extract()
                .path("error.code");
        assertThat(error).isEqualTo("unknown_field");
    }

    /**
     * A token in a query string lands in every log on its way (CloudFront, the gateway, proxies): whoever
     * reads them could answer in someone's name. No operation takes a token as a parameter, and the form's
     * description is a POST.
     */
    @Test
    void noTokenTravelsInAQueryString() {
        Deployment.operations(doc)
                .forEach((path, ops) -> ops.forEach((method, op) -> {
                    for (Object parameter : Deployment.list(op, "parameters")) {
                        assertThat(String.valueOf(at(parameter, "name")).toLowerCase(Locale.ROOT))
                                .as(method + " " + path)
                                .doesNotContain("token");
                    }
                }));
        for (String function : LocalGateway.BODY_ONLY) {
            assertThat(map(doc, "paths", "/" + function)).as(function).containsOnlyKeys("post");
        }
        // the local run answers a GET as API Gateway does: there is no such function
        Api.anonymous(base)
                .queryParam("token", qrCode("paris-opera", "customer"))
                .get("/getForm")
                .then()
                .statusCode(404)
                .body("error.code", equalTo("not_found"));
    }

    @Test
    void everyBodyTemplateGivesItsFunctionExactlyTheBody() {
        Map<String, Object> bodies = new LinkedHashMap<>();
        bodies.put("/getForm", Map.of("token", qrCode("paris-opera", "customer")));
        bodies.put("/issueLinks", Map.of("unitId", "paris-opera", "kind", "customer", "count", 2, "expiresInDays", 7));
        bodies.put("/issueUnitCode", Campaigns.credential(base, "paris-opera", "pulse"));
        bodies.put(
                "/startPulseCampaign",
                Map.of(
                        "unitId",
                        "paris-opera",
                        "headcount",
                        12,
                        "closesOn",
                        LocalDate.now(ZoneOffset.UTC).plusDays(20).toString()));
        bodies.put(
                "/createApiKey", Map.of("role", "viewer", "units", List.of("paris-opera"), "label", "store manager"));
        String spare = Api.manager(base)
                .body(Map.of("role", "service", "label", "spare"))
                .post("/createApiKey")
                .then()
                .statusCode(200)
                .extract()
                .path("keyId");
        bodies.put("/revokeApiKey", Map.of("keyId", spare));
        bodies.put("/revokeUnitCode", Map.of("token", qrCode("paris-opera", "customer")));
        bodies.put("/revokeLinkBatch", Map.of("batchId", "AAAAAAAAAAAAAAAA"));
        bodies.put("/aggregateSnapshots", Map.of());
        String followUp = detractorFollowUp();
        bodies.put("/updateFollowUp", Map.of("followUpId", followUp, "status", "contacted", "note", "called back"));
        bodies.put("/eraseContact", Map.of("followUpId", followUp));
        bodies.put(
                "/sendInvitations",
                Map.of(
                        "unitId",
                        "paris-opera",
                        "kind",
                        "customer",
                        "emails",
                        List.of("gateway-" + UUID.randomUUID() + "@example.test")));
        List<String> covered = new ArrayList<>();
        Deployment.operations(doc).forEach((path, ops) -> {
            if (ops.containsKey("post") && !path.equals("/submitFeedback") && !path.equals("/submitPulse")) {
                covered.add(path);
                Object body = bodies.get(path);
                assertThat(body).as(path + " has a request in this test").isNotNull();
                boolean secured = protectedPath(path, "post");
                Request request = Request.post(path, json(body), DEVICE, headers("x-api-key", Api.KEY));
                String event = GatewayEmulation.integrationRequest(
                        requestTemplate(path, "post"), secured ? request.withAuthorizer(AUTHORIZER) : request);
                Object expected = secured ? Map.of("body", body, "caller", CALLER) : body;
                assertThat(strict(event)).as(path).isEqualTo(expected);
                // the caller is the AWS path's (GatewayCallerTest); here the HTTP binding's key stands for it
                Object read = secured ? strict(event).get("body") : strict(event);
                Api.manager(base).body(read).post(path).then().statusCode(200);
            }
        });
        assertThat(covered).containsExactlyInAnyOrderElementsOf(bodies.keySet());
    }

    /** A detractor who asked to be contacted, through a single-use link (no device cap): the follow-up's id. */
    private String detractorFollowUp() {
        String token = Api.manager(base)
                .body(Map.of("unitId", "paris-opera", "kind", "customer", "count", 1))
                .post("/issueLinks")
                .then()
                .statusCode(200)
                .extract()
                .path("links[0].token");
        Map<String, Object> answer = Answers.with(Answers.feedback(token), "recommend", 3);
        answer.put("contact", Map.of("email", "gateway-test@example.test", "consent", true));
        Api.anonymous(base).body(answer).post("/submitFeedback").then().statusCode(200);
        return (String) answer.get("submissionId");
    }

    // --- integration responses ----------------------------------------------------------------------

    /** A function error as Lambda reports it: Funqy wraps the exception, errorMessage is the wrapper's message. */
    private static String lambdaError(Throwable thrownByTheFunction) {
        ApplicationException wrapped = new ApplicationException(thrownByTheFunction);
        return json(Map.of("errorType", wrapped.getClass().getName(), "errorMessage", wrapped.getMessage()));
    }

    @Test
    void everyErrorCodeSelectsItsContractStatusWithItsBodyUnchanged() {
        Deployment.operations(doc)
                .forEach((path, ops) -> ops.forEach((method, op) -> {
                    Map<String, Object> responses = integrationResponses(path, method);
                    for (ErrorCode code : ErrorCode.values()) {
                        // a message that quotes another code, as a client's own text echoed back could
                        SymmetryException thrown = new SymmetryException(
                                code,
                                "comment\"},\"code\":\"x",
                                "\"code\":\"storage_unavailable\" \"code\":\"not_found\" \\ ' é");
                        Response response =
                                GatewayEmulation.methodResponse(responses, Invocation.error(lambdaError(thrown)));
                        assertThat(response.status())
                                .as(path + " " + method + " " + code)
                                .isEqualTo(code.httpStatus());
                        assertThat(map(op, "responses"))
                                .as(path + " declares " + code.httpStatus())
                                .containsKey(String.valueOf(code.httpStatus()));
                        assertThat(strict(response.body())).isEqualTo(strict(thrown.getMessage()));
                    }
                }));
    }

    @Test
    void theErrorsSubmitFeedbackReallyRaisesSelectTheirStatus() {
        String code = qrCode("annecy-vieille-ville", "customer");
        Map<String, Object> responses = integrationResponses("/submitFeedback", "post");
        Map<String, Object> wrongAudience = feedback(qrCode("annecy-vieille-ville", "pulse"));
        List<Object[]> cases = List.of(
                new Object[] {json(with(feedback(code), "recommend", 11)), 400, "invalid_field"},
                new Object[] {json(with(feedback(code), "sessionId", "x")), 400, "unknown_field"},
                new Object[] {json(with(feedback(code), "recommend", null)), 400, "missing_field"},
                new Object[] {json(with(feedback(code), "comment", "x".repeat(2001))), 400, "too_large"},
                new Object[] {json(feedback("garbage")), 403, "invalid_token"},
                new Object[] {json(wrongAudience), 403, "invalid_token"},
                new Object[] {"{\"recommend\": ", 400, "malformed_json"},
                new Object[] {"[1, 2]", 400, "malformed_json"});
        for (Object[] c : cases) {
            String error = LambdaClient.invokeRaw((String) c[0])
                    .statusCode(500)
                    .extract()
                    .asString();
            Response response = GatewayEmulation.methodResponse(responses, Invocation.error(error));
            assertThat(response.status()).as((String) c[0] + " -> " + error).isEqualTo(c[1]);
            assertThat(strict(response.body()))
                    .extracting("error")
                    .extracting("code")
                    .isEqualTo(c[2]);
        }
    }

    @Test
    void noSuccessIsEverSelectedAsAnError() {
        String receipt = LambdaClient.invoke(feedback(qrCode("bruxelles-louise", "customer")))
                .statusCode(200)
                .extract()
                .asString();
        Deployment.operations(doc)
                .forEach((path, ops) -> ops.forEach((method, op) -> {
                    Map<String, Object> responses = integrationResponses(path, method);
                    for (String result : List.of(
                            receipt,
                            "{\"error\":{\"code\":\"storage_unavailable\"}}",
                            "\"Could not deserialize\"",
                            "null",
                            "{}")) {
                        Response response = GatewayEmulation.methodResponse(responses, Invocation.success(result));
                        assertThat(response.status())
                                .as(path + " " + method + " " + result)
                                .isEqualTo(200);
                        assertThat(response.body()).isEqualTo(result);
                    }
                }));
    }

    @Test
    void anErrorThatIsNotTheContractsIsAnInternalErrorThatSaysNothing() {
        Deployment.operations(doc)
                .forEach((path, ops) -> ops.forEach((method, op) -> {
                    Map<String, Object> responses = integrationResponses(path, method);
                    for (String error : List.of(
                            lambdaError(new NullPointerException(
                                    "Cannot invoke \"String.length()\" because \"secret\" is null")),
                            lambdaError(new IllegalStateException("{\"code\":\"storage_unavailable\"}")),
                            json(Map.of(
                                    "errorMessage", "2026-11-29T21:00:00.000Z abc Task timed out after 15.02 seconds")),
                            json(Map.of(
                                    "errorType",
                                    "Runtime.ExitError",
                                    "errorMessage",
                                    "RequestId: abc Error: Runtime exited with error: signal: killed")))) {
                        Response response = GatewayEmulation.methodResponse(responses, Invocation.error(error));
                        assertThat(response.status())
                                .as(path + " " + method + " " + error)
                                .isEqualTo(500);
                        assertThat(strict(response.body()))
                                .extracting("error")
                                .extracting("code")
                                .isEqualTo("internal");
                        assertThat(response.body()).doesNotContain("secret", "NullPointer", "Task");
                    }
                }));
    }

    @Test
    void theUtilFunctionsBehaveAsDocumented() {
        var util = new GatewayEmulation.Util();
        assertThat(util.escapeJavaScript("it's \"x\" \\ /")).isEqualTo("it\\'s \\\"x\\\" \\\\ \\/");
        assertThat(util.urlDecode(util.urlEncode("a b&c=é"))).isEqualTo("a b&c=é");
        assertThat(util.base64Decode(util.base64Encode("é€"))).isEqualTo("é€");
        assertThat(util.parseJson("{\"a\":[1]}")).isEqualTo(Map.of("a", List.of(1)));
        // escapeJavaScript alone does not make JSON (AWS documents it): what the templates' replaceAll repairs
        assertThatThrownBy(() -> STRICT.readValue("\"" + util.escapeJavaScript("it's") + "\"", String.class))
                .isNotNull();
        assertThat(Optional.ofNullable(util.escapeJavaScript(null))).isEmpty();
    }
}
