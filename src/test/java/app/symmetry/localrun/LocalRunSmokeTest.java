package app.symmetry.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.symmetry.smoke.SmokeCheck;

/**
 * Issue 18, item 4: the smoke test users run after deploying ({@link SmokeCheck}), run here against
 * the built local run started as users start it, on the demo organisation's smoke unit. Then what the
 * smoke test cannot see on a deployment, this can: nobody else answered, so the organisation's and
 * the regions' figures of the day must count nothing.
 */
class LocalRunSmokeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    // the ports this test was given (parallel builds on one machine must not collide)
    static final int HTTP_PORT = Integer.getInteger("smoke.local.http-port", 18400);
    static final int DYNAMO_PORT = Integer.getInteger("smoke.local.dynamo-port", 18401);

    @Test
    void theSmokeTestPassesOnTheLocalRunAndLeavesTheOrganisationsFiguresEmpty() throws Exception {
        Path data = Path.of("target", "local-run-smoke", "data").toAbsolutePath();
        deleteRecursively(data.getParent());
        try (LocalRunProcess run = LocalRunProcess.start(data, HTTP_PORT, DYNAMO_PORT, Map.of())) {
            List<SmokeCheck.Step> steps = new SmokeCheck(run.baseUrl(), LocalRunProcess.API_KEY).run();
            String table = SmokeCheck.table(steps);
            System.out.println("\nSmoke test of the local run " + run.baseUrl() + "\n" + table);
            assertThat(SmokeCheck.allPassed(steps))
                    .as(table + "\nlog: " + run.log())
                    .isTrue();
            assertThat(steps)
                    .extracting(SmokeCheck.Step::name)
                    .contains(
                            "submitFeedback (new answer)",
                            "submitFeedback (same submissionId)",
                            "submitFeedback (tampered token)",
                            "aggregateSnapshots {}",
                            "getSnapshot (the day, after)");

            // the smoke unit is in UTC; every demo unit is a few hours ahead, so its day may be the next one
            HttpClient http = HttpClient.newHttpClient();
            LocalDate utc = LocalDate.now(ZoneOffset.UTC);
            for (LocalDate day : List.of(utc, utc.plusDays(1))) {
                for (String scope : List.of(
                        "org&id=demo",
                        "region&id=ile-de-france",
                        "region&id=benelux",
                        "region&id=auvergne-rhone-alpes")) {
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(
                                            run.baseUrl().resolve("getSnapshot?scope=" + scope + "&period=DAY:" + day))
                                    .header("x-api-key", LocalRunProcess.API_KEY)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    JsonNode body = JSON.readTree(r.body());
                    if (r.statusCode() == 200) {
                        assertThat(body.path("customer").path("n").asInt(-1))
                                .as(scope + " " + day + ": " + r.body())
                                .isZero();
                    } else {
                        assertThat(body.path("error").path("code").asText())
                                .as(scope + " " + day + ": " + r.body())
                                .isEqualTo("not_found");
                    }
                }
            }
            // the aggregation just ran over today in every zone: the organisation's day was computed, and is empty
            HttpResponse<String> org = http.send(
                    HttpRequest.newBuilder(run.baseUrl()
                                    .resolve("getSnapshot?scope=org&id=demo&period=DAY:"
                                            + LocalDate.now(ZoneId.of("Europe/Paris"))))
                            .header("x-api-key", LocalRunProcess.API_KEY)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(org.statusCode()).as(org.body()).isEqualTo(200);

            // the local run's SES emulator: the start page's mailbox leads to it, and an invitation lands there
            HttpResponse<String> mailbox = http.send(
                    HttpRequest.newBuilder(run.baseUrl().resolve("mailbox"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(mailbox.statusCode()).as(mailbox.body()).isEqualTo(302);
            String emulator = mailbox.headers().firstValue("location").orElseThrow();
            String address = "smoke-" + UUID.randomUUID() + "@example.test";
            HttpResponse<String> sent = http.send(
                    HttpRequest.newBuilder(run.baseUrl().resolve("sendInvitations"))
                            .header("x-api-key", LocalRunProcess.API_KEY)
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                    Map.of("unitId", "paris-opera", "kind", "customer", "emails", List.of(address)))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            URI store = URI.create(emulator).resolve("/store");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(http.send(
                                            HttpRequest.newBuilder(store).GET().build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body())
                            .as("the invitation in the local run's mailbox")
                            .contains(address)
                            .contains("/form/#t="));
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
