package app.symmetry.function;

import static app.symmetry.testing.Answers.feedback;
import static app.symmetry.testing.Answers.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.domain.Side;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.PackagedFunction;
import app.symmetry.testing.TableItems;
import app.symmetry.testing.Tokens;
import app.symmetry.token.Audience;
import app.symmetry.token.SigningKeys;
import app.symmetry.token.TokenClaims;
import app.symmetry.token.TokenCodec;

/** {@code submitFeedback} through the Lambda binding, reading back what DynamoDB Local holds. */
@QuarkusTest
class SubmitFeedbackTest {

    @TestHTTPResource("/")
    URL base;

    // Not injected: SubmitFeedbackIT runs these tests against the packaged function, in another process.
    final TableItems table = TableItems.direct();

    final Tokens tokens = Tokens.fromTestConfig();

    /** A unit's QR code, as issueUnitCode signs it (that function has its own Lambda and tests: LinkFunctionsTest). */
    private String qrCode(String unitId) {
        return tokens.code(Audience.CUSTOMER, unitId);
    }

    /** A one-time e-mail link, as issueLinks signs it. */
    private String emailLink(String unitId) {
        return tokens.link(Audience.CUSTOMER, unitId, Instant.now().plus(Duration.ofDays(30)));
    }

    private static void expectError(Object event, String code, String field) {
        var response = LambdaClient.invoke(event).statusCode(500).extract();
        String message = response.path("errorMessage");
        assertThat(message).as("function error for %s", code).contains("\"code\":\"" + code + "\"");
        if (field != null) {
            assertThat(message).contains("\"field\":\"" + field + "\"");
        }
    }

    @Test
    void anAnswerIsStoredOnceWithWhatTheCustomerSaid() {
        Map<String, Object> answer =
                with(feedback(qrCode("paris-opera")), "contact", Map.of("email", "a@example.org", "consent", true));
        String id = (String) answer.get("submissionId");

        LambdaClient.invoke(answer)
                .statusCode(200)
                .body("status", equalTo("accepted"))
                .body("submissionId", equalTo(id));

        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        List<Map<String, AttributeValue>> stored = table.all().stream()
                .filter(i -> i.get("pk").s().equals(SymmetryTable.answerPartition(Side.CUSTOMER, "paris-opera", today))
                        && SymmetryTable.customerAnswer(i.get("sk").s())
                                .submissionId()
                                .equals(id))
                .toList();
        assertThat(stored).hasSize(1);
        Map<String, AttributeValue> item = stored.get(0);
        // its sort key starts with the time it was received: the runs read what came in since the last one
        assertThat(item.get("sk").s())
                .isEqualTo("@" + Instant.parse(item.get("receivedAt").s()).truncatedTo(ChronoUnit.SECONDS) + "#" + id);
        assertThat(item.get("recommend").n()).isEqualTo("9");
        assertThat(item.get("ratings").m()).containsEntry("cooperation", AttributeValue.fromN("3"));
        assertThat(item.get("comment").s()).isEqualTo("Très bon accueil.");
        assertThat(item.get("language").s()).isEqualTo("fr");
        // a promoter's address, consent or not, is kept nowhere: only a detractor's follow-up keeps one (FollowUpTest)
        assertThat(item).doesNotContainKey("contactEmail");
        assertThat(table.all()).noneMatch(i -> i.toString().contains("a@example.org"));
        long ttl = Long.parseLong(item.get("expiresAt").n());
        assertThat(Duration.between(Instant.now(), Instant.ofEpochSecond(ttl)).toDays())
                .isBetween(393L, 396L);
        assertThat(item).doesNotContainKeys("sourceIp", "ip", "userAgent", "token");
    }

    @Test
    void contactDetailsWithoutConsentAreNotKept() {
        Map<String, Object> answer =
                with(feedback(qrCode("lyon-part-dieu")), "contact", Map.of("email", "b@example.org", "consent", false));
        LambdaClient.invoke(answer).statusCode(200).body("status", equalTo("accepted"));
        assertThat(table.all()).noneMatch(i -> i.toString().contains("b@example.org"));
    }

    @Test
    void aRetryIsADuplicateAndWritesNothing() {
        Map<String, Object> answer = feedback(qrCode("paris-bastille"));
        LambdaClient.invoke(answer).statusCode(200).body("status", equalTo("accepted"));
        int items = table.count();
        for (int i = 0; i < 3; i++) {
            LambdaClient.invoke(answer)
                    .statusCode(200)
                    .body("status", equalTo("duplicate"))
                    .body("submissionId", equalTo(answer.get("submissionId")));
        }
        assertThat(table.count()).isEqualTo(items);
    }

    @Test
    @DisabledOnIntegrationTest(
            "sent at once over the HTTP binding: the Lambda runtime hands one environment one event at a time")
    void copiesSentAtOnceAreStoredOnce() throws Exception {
        Map<String, Object> answer = feedback(qrCode("versailles-chantiers"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> sends = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                sends.add(() -> Api.anonymous(base)
                        .body(answer)
                        .post("/submitFeedback")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("status"));
            }
            List<String> statuses = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(sends)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly("accepted", "duplicate");
            assertThat(statuses).filteredOn("accepted"::equals).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(table.all())
                .filteredOn(i -> i.get("pk").s().startsWith("ANSWER#C#")
                        && SymmetryTable.customerAnswer(i.get("sk").s())
                                .submissionId()
                                .equals(answer.get("submissionId")))
                .hasSize(1);
    }

    static List<Object[]> badAnswers() {
        return List.of(
                new Object[] {"recommend", null, "missing_field"},
                new Object[] {"recommend", 11, "invalid_field"},
                new Object[] {"recommend", -1, "invalid_field"},
                new Object[] {"recommend", 9.5, "invalid_field"},
                new Object[] {"recommend", "9", "invalid_field"},
                new Object[] {"submissionId", null, "missing_field"},
                new Object[] {"submissionId", "not-a-uuid", "invalid_field"},
                new Object[] {"token", null, "missing_field"},
                new Object[] {"token", 42, "invalid_field"},
                new Object[] {"language", "de", "invalid_field"},
                new Object[] {"ratings", Map.of("listening", 6), "invalid_field"},
                new Object[] {"ratings", Map.of("listening", 0), "invalid_field"},
                new Object[] {"ratings", Map.of("speed", 4), "unknown_field"},
                new Object[] {"ratings", List.of(5, 4), "invalid_field"},
                new Object[] {"comment", "x".repeat(2001), "too_large"},
                new Object[] {"comment", 12, "invalid_field"},
                new Object[] {"contact", Map.of("consent", true), "missing_field"},
                new Object[] {"contact", Map.of("email", "not an address", "consent", true), "invalid_field"},
                new Object[] {"contact", Map.of("email", "a@example.org", "phone", "0600"), "unknown_field"},
                new Object[] {"website", "http://spam.example", "invalid_field"},
                new Object[] {"sessionId", "abc", "unknown_field"});
    }

    @ParameterizedTest(name = "{0} = {1} is refused with {2}")
    @MethodSource("badAnswers")
    void badInputIsRefusedWithItsCodeAndWritesNothing(String field, Object value, String code) {
        Map<String, Object> answer = with(feedback(qrCode("grenoble-victor-hugo")), field, value);
        int items = table.count();
        expectError(answer, code, null);
        assertThat(table.count()).isEqualTo(items);
    }

    @Test
    void forgedAndUnknownTokensAreRefused() {
        String good = qrCode("paris-opera");
        String[] parts = good.split("\\.");
        String tamperedMac =
                parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? "B" : "A") + parts[2].substring(1);
        String unknownKey = "nokey." + parts[1] + "." + parts[2];
        for (String token : List.of(tamperedMac, unknownKey, "garbage", "a.b.c", "")) {
            expectError(feedback(token), "invalid_token", "token");
        }
        expectError(feedback(tokens.code(Audience.CUSTOMER, "atlantis")), "unknown_unit", "token");
        expectError(feedback(tokens.code(Audience.PULSE, "paris-opera")), "invalid_token", "token");
    }

    @Test
    void tokensSignedWithAStillListedOldKeyVerify() {
        String keys = ConfigProvider.getConfig().getValue("symmetry.token.keys", String.class);
        TokenCodec oldSigner = new TokenCodec(new SigningKeys(Optional.of(keys), Optional.of("old")));
        String token = oldSigner.encode(
                new TokenClaims(false, Audience.CUSTOMER, "paris-opera", "old-code", Optional.empty()));
        assertThat(token).startsWith("old.");
        LambdaClient.invoke(feedback(token)).statusCode(200).body("status", equalTo("accepted"));
    }

    @Test
    void aLinkIsAnsweredOnceThenSpentAndAnExpiredOneIsRefused() {
        String link = emailLink("lyon-croix-rousse");
        Map<String, Object> first = feedback(link);
        LambdaClient.invoke(first).statusCode(200).body("status", equalTo("accepted"));
        // the same submission again is a retry, not a second use
        LambdaClient.invoke(first).statusCode(200).body("status", equalTo("duplicate"));
        int items = table.count();
        expectError(feedback(link), "link_spent", "token");
        assertThat(table.count()).isEqualTo(items);

        expectError(
                feedback(tokens.link(
                        Audience.CUSTOMER, "lyon-croix-rousse", Instant.now().minusSeconds(60))),
                "link_expired",
                "token");
    }

    @Test
    @DisabledOnIntegrationTest(
            "revoking is revokeUnitCode, another Lambda: called here over the HTTP binding, which the artifact does not have")
    void aRevokedCodeIsRefused() {
        String code = qrCode("annecy-vieille-ville");
        LambdaClient.invoke(feedback(code)).statusCode(200);
        Api.manager(base)
                .body(Map.of("token", code))
                .post("/revokeUnitCode")
                .then()
                .statusCode(200)
                .body("revoked", equalTo(true))
                .body("unitId", equalTo("annecy-vieille-ville"));
        expectError(feedback(code), "token_revoked", "token");
    }

    @Test
    void oneDeviceIsCappedPerDayAndTheRefusalWritesNothing() {
        String code = qrCode("bruxelles-louise");
        String ip = Answers.randomIp();
        int cap = ConfigProvider.getConfig().getValue("symmetry.device.daily-cap", Integer.class);
        for (int i = 0; i < cap; i++) {
            LambdaClient.invoke(Answers.viaGateway(feedback(code), ip))
                    .statusCode(200)
                    .body("status", equalTo("accepted"));
        }
        int items = table.count();
        expectError(Answers.viaGateway(feedback(code), ip), "rate_limited", null);
        assertThat(table.count()).isEqualTo(items);
        // another device is not affected, and no raw address is stored anywhere
        LambdaClient.invoke(Answers.viaGateway(feedback(code), Answers.randomIp()))
                .statusCode(200);
        assertThat(table.all()).noneMatch(i -> i.values().stream().anyMatch(v -> ip.equals(v.s())));
        assertThat(table.all().stream().map(i -> i.get("pk").s()).filter(pk -> pk.startsWith("DEVICE#")))
                .noneMatch(pk -> pk.contains(ip));
    }

    @Test
    @DisabledIfSystemProperty(
            named = PackagedFunction.RUNTIME,
            matches = "jvm",
            disabledReason =
                    "on Lambda's Java runtimes AWS's"
                            + " runtime interface client reads the event and reports Jackson's own message, not the poll loop's \"Could not"
                            + " deserialize\" (a 500 at the gateway); through the gateway no body that is not JSON reaches a function")
    void malformedJsonIsAFunctionErrorTheGatewayMapsTo400() {
        var response =
                LambdaClient.invokeRaw("{\"recommend\": ").statusCode(500).extract();
        assertThat((String) response.path("errorMessage")).startsWith("Could not deserialize");
    }
}
