package app.symmetry.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.domain.UnitDays;
import app.symmetry.storage.Dynamo;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.storage.TallyStore;
import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.ReliabilityCounters;
import app.symmetry.testing.TableItems;
import app.symmetry.testing.TestClock;

/**
 * Once a period has closed, its published employee figures never change: two versions of a group one
 * answer apart would give that answer away. Each test tries one way of getting a second version (a late
 * answer, answers gone before a recompute, a recompute after the retention) on the real functions and
 * table, and compares the published snapshots before and after, byte for byte (the run time aside).
 * Each test has its own month of 2026, in units of auvergne-rhone-alpes (Europe/Paris).
 */
@QuarkusTest
@TestProfile(FunctionProfiles.AggregateSnapshots.class)
class ClosedPeriodTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String LYON = "lyon-part-dieu";
    static final String GRENOBLE = "grenoble-victor-hugo";
    static final List<String> SCOPES = List.of("unit " + LYON, "unit " + GRENOBLE, "region auvergne-rhone-alpes");

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;

    @Inject
    TableItems table;

    @Inject
    Dynamo dynamo;

    @Inject
    SymmetryTable symmetryTable;

    @Inject
    TallyStore tallies;

    @BeforeEach
    void counted() {
        // a summary that shows 0, not "not run", once one of these attacks ran
        ReliabilityCounters.add(ReliabilityCounters.CLOSED_PERIOD_CHANGES, 0);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aLateAnswerDoesNotChangeAClosedMonthsEmployeeFigures() {
        LocalDate last = LocalDate.of(2026, 3, 31);
        clock.set(last.atTime(8, 0).atZone(PARIS).toInstant());
        String pulse = code(LYON);
        for (int i = 0; i < 6; i++) {
            clock.set(last.atTime(12, i).atZone(PARIS).toInstant());
            send(pulse, 7);
        }
        Instant midnight = last.plusDays(1).atStartOfDay(PARIS).toInstant();

        // just after midnight the month has closed, but an answer received before it may still be on its way
        scheduled(midnight.plusSeconds(5 * 60));
        Map<String, Object> early = employee("unit", LYON, "MONTH:2026-03");
        assertThat(early)
                .containsEntry("suppressed", true)
                .containsEntry("reason", "open_period")
                .doesNotContainKey("n");

        // the late answer: received two seconds before midnight, stored after that run
        clock.set(midnight.minusSeconds(2));
        send(pulse, 9);

        // a settle time after midnight: every answer of the month is in, and the month is published once
        scheduled(midnight.plusSeconds(20 * 60));
        Map<String, Object> published = month("MONTH:2026-03");
        assertThat(employee("unit", LYON, "MONTH:2026-03"))
                .containsEntry("suppressed", false)
                .containsEntry("n", 7);

        // later runs, and a recompute, find the same answers and leave the same figures
        scheduled(midnight.plusSeconds(60 * 60));
        assertUnchanged(published, month("MONTH:2026-03"));
        clock.reset();
        LambdaClient.invoke(Map.of("from", "2026-03-01", "to", "2026-03-31")).statusCode(200);
        assertUnchanged(published, month("MONTH:2026-03"));
    }

    @Test
    void aRecomputeAfterAnswersExpiredDoesNotRepublishAClosedMonth() {
        LocalDate day = LocalDate.of(2026, 4, 10);
        sendPulses(LYON, day, 7);
        sendPulses(GRENOBLE, day.plusDays(10), 6);
        clock.reset();
        LambdaClient.invoke(Map.of("from", "2026-04-01", "to", "2026-04-30")).statusCode(200);
        Map<String, Object> published = month("MONTH:2026-04");
        assertThat(employee("unit", LYON, "MONTH:2026-04")).containsEntry("n", 7);

        // two of Lyon's answers go, as DynamoDB's TTL removes them (here early, as if the retention were shorter)
        List<Map<String, AttributeValue>> answers = table.withKeyPrefix("ANSWER#E#" + LYON + "#" + day);
        assertThat(answers).hasSize(7);
        answers.subList(0, 2).forEach(this::delete);

        LambdaClient.invoke(Map.of("from", "2026-04-01", "to", "2026-04-30")).statusCode(200);
        UnitDays stored = tallies.read(List.of(LYON), day, day).get(LYON);
        assertThat(stored.employee().get(day).n())
                .as("the recompute did read fewer answers: the attack is real")
                .isEqualTo(5);
        assertUnchanged(published, month("MONTH:2026-04"));
    }

    @Test
    void aRecomputeReachingBeforeRetentionIsRefused() {
        LocalDate day = LocalDate.of(2026, 5, 5);
        sendPulses(LYON, day, 6);
        sendPulses(GRENOBLE, day, 6);
        clock.reset();
        LambdaClient.invoke(Map.of("from", "2026-05-01", "to", "2026-05-31")).statusCode(200);
        Map<String, Object> published = month("MONTH:2026-05");
        assertThat(employee("unit", GRENOBLE, "MONTH:2026-05")).containsEntry("n", 6);

        // thirteen months on: the answers of May 5 have expired, and DynamoDB's TTL removed them
        Instant later = LocalDate.of(2027, 6, 15).atTime(12, 0).atZone(PARIS).toInstant();
        clock.set(later);
        List<Map<String, AttributeValue>> expired = table.all().stream()
                .filter(i -> i.get(SymmetryTable.PK).s().startsWith("ANSWER#"))
                .filter(i -> i.containsKey(SymmetryTable.TTL)
                        && Long.parseLong(i.get(SymmetryTable.TTL).n()) < later.getEpochSecond())
                .toList();
        assertThat(expired)
                .as("May's answers are past their TTL")
                .anySatisfy(i -> assertThat(i.get(SymmetryTable.PK).s()).isEqualTo("ANSWER#E#" + GRENOBLE + "#" + day));
        expired.forEach(this::delete);

        List<Map<String, AttributeValue>> before = table.all();
        Api.manager(base)
                .body(Map.of("from", "2026-05-01", "to", "2026-05-31"))
                .post("/aggregateSnapshots")
                .then()
                .statusCode(410)
                .body("error.code", equalTo("answers_expired"))
                .body("error.field", equalTo("from"))
                .body("error.retryable", equalTo(false));
        assertThat(LambdaClient.invoke(Map.of("from", "2026-05-01", "to", "2026-05-31"))
                        .statusCode(500)
                        .extract()
                        .<String>path("errorMessage"))
                .as("the scheduler's binding: the gateway maps the code to 410")
                .contains("\"code\":\"answers_expired\"");
        assertThat(table.all()).as("nothing written").containsExactlyInAnyOrderElementsOf(before);
        ReliabilityCounters.add(ReliabilityCounters.CLOSED_PERIOD_ATTEMPTS, 1);

        // what may still run: a recompute of the days still kept (May's month is reassembled from its
        // stored tallies) and the scheduled run
        Api.manager(base)
                .body(Map.of("from", "2026-05-18", "to", "2026-06-10"))
                .post("/aggregateSnapshots")
                .then()
                .statusCode(410)
                .body("error.code", equalTo("answers_expired"));
        LambdaClient.invoke(Map.of("from", "2026-05-19", "to", "2026-06-10")).statusCode(200);
        scheduled(later);
        assertUnchanged(published, month("MONTH:2026-05"));
    }

    /** Counted in the reliability summary: each comparison is an attempt, each difference a change. */
    private static void assertUnchanged(Map<String, Object> published, Map<String, Object> now) {
        ReliabilityCounters.add(ReliabilityCounters.CLOSED_PERIOD_ATTEMPTS, 1);
        if (!now.equals(published)) {
            ReliabilityCounters.add(ReliabilityCounters.CLOSED_PERIOD_CHANGES, 1);
        }
        assertThat(now).isEqualTo(published);
    }

    private void sendPulses(String unit, LocalDate day, int count) {
        clock.set(day.atTime(8, 0).atZone(PARIS).toInstant());
        String pulse = code(unit);
        for (int i = 0; i < count; i++) {
            clock.set(day.atTime(12, i).atZone(PARIS).toInstant());
            send(pulse, i % 11);
        }
    }

    private void delete(Map<String, AttributeValue> item) {
        dynamo.client()
                .deleteItem(b -> b.tableName(symmetryTable.name())
                        .key(Map.of(
                                SymmetryTable.PK,
                                item.get(SymmetryTable.PK),
                                SymmetryTable.SK,
                                item.get(SymmetryTable.SK))));
    }

    /** The scheduler's run for {@code at}, on time. */
    private void scheduled(Instant at) {
        clock.set(at);
        LambdaClient.invoke(Map.of("time", at.toString())).statusCode(200);
    }

    /** The published snapshots of the month, as the API answers them, without the time of the run. */
    private Map<String, Object> month(String period) {
        Map<String, Object> out = new TreeMap<>();
        for (String scope : SCOPES) {
            String[] parts = scope.split(" ");
            out.put(scope, read(parts[0], parts[1], period));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> employee(String scope, String id, String period) {
        return (Map<String, Object>) read(scope, id, period).get("employee");
    }

    private String code(String unitId) {
        return Api.manager(base)
                .body(Campaigns.credential(base, unitId, "pulse", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    private void send(String token, int recommend) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "submissionId",
                UUID.randomUUID().toString(),
                "token",
                token,
                "recommend",
                recommend,
                "ratings",
                Map.of("listening", 1 + recommend % 5, "ownership", 4)));
        Api.anonymous(base)
                .header("User-Agent", "phone-" + UUID.randomUUID())
                .body(body)
                .post("/submitPulse")
                .then()
                .statusCode(200);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String scope, String id, String period) {
        Response response = Api.manager(base)
                .queryParam("scope", scope)
                .queryParam("id", id)
                .queryParam("period", period)
                .get("/getSnapshot");
        assertThat(response.statusCode()).as("%s %s %s", scope, id, period).isEqualTo(200);
        Map<String, Object> copy = new LinkedHashMap<>(response.as(Map.class));
        copy.remove("computedAt");
        return copy;
    }
}
