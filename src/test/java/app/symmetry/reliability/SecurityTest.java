package app.symmetry.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.local.LocalGateway;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.Invitations;
import app.symmetry.testing.ReliabilityCounters;
import app.symmetry.testing.TableItems;
import app.symmetry.testing.Tokens;
import app.symmetry.token.Audience;

/**
 * The abuse a public form meets: a device tapping many times at once, calls to protected functions
 * without (or with a wrong) key, markup in comments, doctored and stale tokens on both answer
 * functions; and what the table must never hold (the client's IP address).
 */
@QuarkusTest
class SecurityTest {

    static final String UNIT = "lyon-part-dieu";

    @TestHTTPResource("/")
    URL base;

    @Inject
    TableItems table;

    @Inject
    Tokens tokens;

    @ConfigProperty(name = "symmetry.device.daily-cap")
    int cap;

    private String code(String kind) {
        return Api.manager(base)
                .body(Campaigns.credential(base, UNIT, kind))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    private String link(String kind) {
        if (kind.equals("pulse")) {
            // a pulse link exists only in its e-mail
            return Invitations.pulse(base, Api.KEY, Campaigns.credential(base, UNIT, kind, "expiresInDays", 2), 1)
                    .tokens()
                    .get(0);
        }
        return Api.manager(base)
                .body(Campaigns.credential(base, UNIT, kind, "count", 1, "expiresInDays", 2))
                .post("/issueLinks")
                .then()
                .statusCode(200)
                .extract()
                .path("links[0].token");
    }

    private Set<String> storedKeys() {
        // a customer answer by its submission id, an employee answer (which keeps none) by its random key
        return table.all().stream()
                .filter(i -> i.get(SymmetryTable.PK).s().startsWith("ANSWER#"))
                .map(i -> i.get(SymmetryTable.PK).s().startsWith("ANSWER#C#")
                        ? SymmetryTable.customerAnswer(i.get(SymmetryTable.SK).s())
                                .submissionId()
                        : i.get(SymmetryTable.SK).s())
                .collect(Collectors.toSet());
    }

    @Test
    void theDeviceCapHoldsUnderConcurrentTaps() throws Exception {
        String token = code("customer");
        String agent = "one-phone-" + UUID.randomUUID();
        int n = 12;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Map<String, Object>> bodies = new ArrayList<>();
        List<Future<Http.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> body = Answers.feedback(token);
            bodies.add(body);
            replies.add(pool.submit(() -> {
                go.await();
                return Http.post(base, "submitFeedback", body, agent);
            }));
        }
        go.countDown();
        List<String> accepted = new ArrayList<>();
        int limited = 0;
        for (int i = 0; i < n; i++) {
            Http.Reply reply = replies.get(i).get(2, TimeUnit.MINUTES);
            if (reply.status() == 200) {
                assertThat(reply.body().get("status")).isEqualTo("accepted");
                accepted.add((String) bodies.get(i).get("submissionId"));
            } else {
                assertThat(reply.status()).as("reply %s", reply.body()).isEqualTo(429);
                assertThat(reply.errorCode()).isEqualTo("rate_limited");
                assertThat(reply.retryable()).isFalse();
                limited++;
            }
        }
        pool.shutdown();
        assertThat(accepted).hasSize(cap);
        assertThat(limited).isEqualTo(n - cap);
        Set<String> ours =
                bodies.stream().map(b -> (String) b.get("submissionId")).collect(Collectors.toSet());
        Set<String> stored = storedKeys();
        stored.retainAll(ours);
        assertThat(stored).containsExactlyInAnyOrderElementsOf(accepted);
        ReliabilityCounters.add(ReliabilityCounters.SECURITY_REFUSALS, limited);
    }

    @Test
    void everyProtectedFunctionRefusesAMissingOrWrongKey() {
        int refusals = 0;
        for (String function : LocalGateway.PROTECTED) {
            for (String key :
                    new String[] {null, "wrong-" + Api.KEY, Api.KEY.toUpperCase(), Api.KEY.substring(1), ""}) {
                var request = Api.anonymous(base);
                if (key != null) {
                    request.header("x-api-key", key);
                }
                request.body(Map.of())
                        .post("/" + function)
                        .then()
                        .statusCode(401)
                        .header("Content-Type", startsWith("application/json"))
                        .body("error.code", equalTo("unauthenticated"))
                        .body("error.message", notNullValue())
                        .body("error.retryable", equalTo(false));
                refusals++;
            }
            // a function whose token rides in the body has no GET at all, as on API Gateway: whatever the key
            boolean bodyOnly = LocalGateway.BODY_ONLY.contains(function);
            Api.anonymous(base)
                    .header("x-api-key", "nope")
                    .get("/" + function)
                    .then()
                    .statusCode(bodyOnly ? 404 : 401)
                    .body("error.code", equalTo(bodyOnly ? "not_found" : "unauthenticated"));
            refusals++;
        }
        ReliabilityCounters.add(ReliabilityCounters.SECURITY_REFUSALS, refusals);
    }

    @Test
    void markupInACommentIsStoredAsGivenAndNeverServedAsHtml() {
        String markup = "<script>alert(1)</script><img src=x onerror=alert(1)> \"quoted\" & 'single' é";
        Map<String, Object> body = Answers.with(Answers.feedback(code("customer")), "comment", markup);
        String response = Api.anonymous(base)
                .header("User-Agent", "markup-" + UUID.randomUUID())
                .body(body)
                .post("/submitFeedback")
                .then()
                .statusCode(200)
                .header("Content-Type", startsWith("application/json"))
                .extract()
                .asString();
        assertThat(response).doesNotContain("<script", "<img");
        List<Map<String, AttributeValue>> items = table.all().stream()
                .filter(i -> i.get(SymmetryTable.PK).s().startsWith("ANSWER#C#" + UNIT + "#"))
                .filter(i -> SymmetryTable.customerAnswer(
                                i.get(SymmetryTable.SK).s())
                        .submissionId()
                        .equals(body.get("submissionId")))
                .toList();
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("comment").s()).isEqualTo(markup);
    }

    @Test
    void doctoredAndStaleTokensAreRefusedOnBothAnswerFunctions() {
        int refusals = 0;
        for (String kind : List.of("customer", "pulse")) {
            String function = kind.equals("customer") ? "/submitFeedback" : "/submitPulse";
            Audience audience = kind.equals("customer") ? Audience.CUSTOMER : Audience.PULSE;
            Set<String> before = storedKeys();

            refused(function, flipMacByte(code(kind)), 403, "invalid_token");
            refused(function, flipMacByte(link(kind)), 403, "invalid_token");
            refused(function, tokens.link(audience, UNIT, Instant.now().minusSeconds(1)), 410, "link_expired");
            String revoked = code(kind);
            Api.manager(base)
                    .body(Map.of("token", revoked))
                    .post("/revokeUnitCode")
                    .then()
                    .statusCode(200);
            refused(function, revoked, 410, "token_revoked");
            String spent = link(kind);
            Api.anonymous(base)
                    .header("User-Agent", "spent-" + UUID.randomUUID())
                    .body(function.equals("/submitPulse") ? Answers.pulse(spent) : Answers.feedback(spent))
                    .post(function)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("accepted"));
            refused(function, spent, 410, "link_spent");
            // the other audience's token is not a key to this function
            refused(function, kind.equals("customer") ? code("pulse") : code("customer"), 403, "invalid_token");
            refusals += 6;

            Set<String> after = storedKeys();
            after.removeAll(before);
            assertThat(after)
                    .as("only the spent link's first answer was stored")
                    .hasSize(1);
        }
        ReliabilityCounters.add(ReliabilityCounters.SECURITY_REFUSALS, refusals);
    }

    private void refused(String function, String token, int status, String code) {
        Api.anonymous(base)
                .header("User-Agent", "tok-" + UUID.randomUUID())
                .body(function.equals("/submitPulse") ? Answers.pulse(token) : Answers.feedback(token))
                .post(function)
                .then()
                .statusCode(status)
                .body("error.code", equalTo(code))
                .body("error.retryable", equalTo(false))
                .body("error.message", notNullValue());
    }

    private static String flipMacByte(String token) {
        int dot = token.lastIndexOf('.');
        byte[] mac = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        mac[mac.length / 2] ^= 0x01;
        return token.substring(0, dot + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    @Test
    void noRawIpAddressIsStored() {
        String token = code("customer");
        for (int i = 0; i < 3; i++) {
            Api.anonymous(base)
                    .header("User-Agent", "ip-" + UUID.randomUUID())
                    .body(Answers.feedback(token))
                    .post("/submitFeedback")
                    .then()
                    .statusCode(200);
            Api.anonymous(base)
                    .header("User-Agent", "ip-" + UUID.randomUUID())
                    .body(Answers.pulse(code("pulse")))
                    .post("/submitPulse")
                    .then()
                    .statusCode(200);
        }
        List<String> leaks = new ArrayList<>();
        for (Map<String, AttributeValue> item : table.all()) {
            String flat = flatten(item);
            for (String ip : List.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1")) {
                if (flat.contains(ip)) {
                    leaks.add(item.get(SymmetryTable.PK).s() + " holds " + ip);
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    private static String flatten(Map<String, AttributeValue> item) {
        StringBuilder out = new StringBuilder();
        Map<String, AttributeValue> copy = new HashMap<>(item);
        copy.forEach((k, v) -> out.append(k).append('=').append(flatten(v)).append('\n'));
        return out.toString();
    }

    private static String flatten(AttributeValue v) {
        if (v.hasM()) {
            return flatten(v.m());
        }
        if (v.hasL()) {
            return v.l().stream().map(SecurityTest::flatten).collect(Collectors.joining(","));
        }
        if (v.b() != null) {
            return new String(v.b().asByteArray(), StandardCharsets.ISO_8859_1);
        }
        return String.valueOf(
                v.s() != null ? v.s() : v.n() != null ? v.n() : v.hasSs() ? v.ss() : v.hasNs() ? v.ns() : v);
    }
}
