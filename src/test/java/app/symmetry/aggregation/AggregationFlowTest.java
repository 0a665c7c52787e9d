package app.symmetry.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.FlakyDerivedItemWriter;
import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.TestClock;

/**
 * A month of answers sent through {@code submitFeedback} and {@code submitPulse}, aggregated through
 * the Lambda binding of {@code aggregateSnapshots}, read back with {@code getSnapshot}, and compared
 * with figures computed here independently (plain arithmetic on the answers sent, ±0.05).
 */
@QuarkusTest
@TestProfile(FunctionProfiles.AggregateSnapshots.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AggregationFlowTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final List<String> UNITS =
            List.of("paris-opera", "paris-bastille", "versailles-chantiers", "saint-denis-basilique");
    static final List<String> DIMENSIONS =
            List.of("listening", "ownership", "information", "recognition", "cooperation");
    static final Map<String, List<Answer>> CUSTOMERS = new LinkedHashMap<>();
    static final Map<String, List<Answer>> EMPLOYEES = new LinkedHashMap<>();

    record Answer(LocalDate day, int recommend, Map<String, Integer> ratings) {}

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;

    @Inject
    FlakyDerivedItemWriter writer;

    @AfterEach
    void realTime() {
        clock.reset();
        writer.disarm();
    }

    private void at(LocalDate day) {
        clock.set(day.atTime(12, 0).atZone(PARIS).toInstant());
    }

    private String code(String unitId, String kind) {
        return code(unitId, kind, LocalDate.of(2026, 10, 1));
    }

    private String code(String unitId, String kind, LocalDate issuedOn) {
        at(issuedOn);
        return Api.manager(base)
                .body(Campaigns.credential(base, unitId, kind, issuedOn))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    private void send(String path, String token, Answer a) {
        send(path, token, a, a.day().atTime(12, 0).atZone(PARIS).toInstant());
    }

    private void send(String path, String token, Answer a, Instant at) {
        clock.set(at);
        Map<String, Object> body = new HashMap<>();
        body.put("submissionId", UUID.randomUUID().toString());
        body.put("token", token);
        body.put("recommend", a.recommend());
        body.put("ratings", a.ratings());
        // each answer from its own phone: the per-device cap is not what this test is about
        Api.anonymous(base)
                .header("User-Agent", "phone-" + UUID.randomUUID())
                .body(body)
                .post(path)
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"));
    }

    /** Customers of unit i lean better as i grows; so do its employees: the mirror the product measures. */
    private static Answer answer(Random random, LocalDate day, int bias) {
        Map<String, Integer> ratings = new HashMap<>();
        for (String d : DIMENSIONS) {
            if (random.nextInt(10) < 8) { // some ratings left blank, as people do
                ratings.put(d, Math.max(1, Math.min(5, 1 + random.nextInt(4) + (random.nextInt(3) < bias ? 1 : 0))));
            }
        }
        return new Answer(
                day, Math.max(0, Math.min(10, random.nextInt(8) + bias + (random.nextBoolean() ? 1 : 0))), ratings);
    }

    @Test
    @Order(1)
    void aMonthOfAnswersAggregatesIntoTheIndependentlyComputedFigures() {
        Random random = new Random(20261001);
        for (int u = 0; u < UNITS.size(); u++) {
            String unit = UNITS.get(u);
            String customerCode = code(unit, "customer");
            String pulseCode = code(unit, "pulse");
            List<Answer> customers = new ArrayList<>();
            for (int i = 0, n = 25 + 8 * u; i < n; i++) {
                customers.add(answer(random, LocalDate.of(2026, 10, 1 + random.nextInt(31)), u));
            }
            List<Answer> employees = new ArrayList<>();
            // employees answer in the weeks wholly inside October (5 to 25): no week straddles a month here
            for (int i = 0, n = 6 + 2 * u; i < n; i++) {
                employees.add(answer(random, LocalDate.of(2026, 10, 5 + random.nextInt(21)), u));
            }
            customers.forEach(a -> send("/submitFeedback", customerCode, a));
            employees.forEach(a -> send("/submitPulse", pulseCode, a));
            CUSTOMERS.put(unit, customers);
            EMPLOYEES.put(unit, employees);
        }
        clock.reset();

        LambdaClient.invoke(Map.of("from", "2026-10-01", "to", "2026-10-31"))
                .statusCode(200)
                .body("unitsProcessed", equalTo(13));

        for (String unit : UNITS) {
            Map<String, Object> snapshot = get("unit", unit, "MONTH:2026-10");
            assertSide(snapshot, "customer", "nps", CUSTOMERS.get(unit));
            assertSide(snapshot, "employee", "enps", EMPLOYEES.get(unit));
            assertThat((Boolean) path(snapshot, "employee.suppressed")).isFalse();
        }
        List<Answer> allCustomers =
                CUSTOMERS.values().stream().flatMap(List::stream).toList();
        List<Answer> allEmployees =
                EMPLOYEES.values().stream().flatMap(List::stream).toList();
        Map<String, Object> region = get("region", "ile-de-france", "MONTH:2026-10");
        assertSide(region, "customer", "nps", allCustomers);
        assertSide(region, "employee", "enps", allEmployees);
        Map<String, Object> org = get("org", "demo", "MONTH:2026-10");
        assertSide(org, "customer", "nps", allCustomers);

        // gaps and symmetry from the independent scores
        double absGaps = 0;
        int common = 0;
        for (String d : DIMENSIONS) {
            Double c = score(allCustomers, d);
            Double e = score(allEmployees, d);
            if (c != null && e != null) {
                assertThat(((Number) path(region, "gaps." + d)).doubleValue()).isCloseTo(e - c, within(0.051));
                absGaps += Math.abs(e - c);
                common++;
            }
        }
        assertThat(((Number) region.get("symmetry")).doubleValue()).isCloseTo(100 - absGaps / common, within(0.051));

        // correlation across the four units (Pearson of their attention indexes)
        double[] x = new double[UNITS.size()];
        double[] y = new double[UNITS.size()];
        for (int i = 0; i < UNITS.size(); i++) {
            x[i] = attention(EMPLOYEES.get(UNITS.get(i)));
            y[i] = attention(CUSTOMERS.get(UNITS.get(i)));
        }
        assertThat(((Number) path(org, "correlation.units")).intValue()).isEqualTo(4);
        assertThat(((Number) path(org, "correlation.pearson")).doubleValue()).isCloseTo(pearson(x, y), within(0.0051));
    }

    @Test
    @Order(2)
    void aDayShowsNoEmployeeFigureAndCustomersUnderTenAreMarked() {
        Map<String, Object> day = get("unit", "paris-opera", "DAY:2026-10-12");
        assertThat((Boolean) path(day, "employee.suppressed")).isTrue();
        assertThat(day).doesNotContainKeys("gaps", "symmetry");
        assertThat(((Map<?, ?>) day.get("employee")).containsKey("n")).isFalse();
        assertThat((Boolean) path(day, "customer.insufficient")).isTrue();
    }

    @Test
    @Order(3)
    void runningAgainChangesNothing() {
        List<Map<String, Object>> before = octoberSnapshots();
        LambdaClient.invoke(Map.of("from", "2026-10-01", "to", "2026-10-31")).statusCode(200);
        assertThat(octoberSnapshots()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aRunKilledHalfWayThenRunAgainConverges() {
        String code = code("paris-bastille", "customer");
        for (int i = 0; i < 5; i++) {
            Answer late = new Answer(LocalDate.of(2026, 10, 20), 10, Map.of("listening", 5));
            send("/submitFeedback", code, late);
            CUSTOMERS.get("paris-bastille").add(late);
        }
        clock.reset();
        writer.failAfter(7);
        String message = LambdaClient.invoke(Map.of("from", "2026-10-01", "to", "2026-10-31"))
                .statusCode(500)
                .extract()
                .path("errorMessage");
        assertThat(message).contains("storage_unavailable");
        writer.disarm();
        LambdaClient.invoke(Map.of("from", "2026-10-01", "to", "2026-10-31")).statusCode(200);
        List<Map<String, Object>> converged = octoberSnapshots();
        assertSide(get("unit", "paris-bastille", "MONTH:2026-10"), "customer", "nps", CUSTOMERS.get("paris-bastille"));
        LambdaClient.invoke(Map.of("from", "2026-10-01", "to", "2026-10-31")).statusCode(200);
        assertThat(octoberSnapshots()).isEqualTo(converged);
    }

    @Test
    @Order(5)
    void aRetriedScheduledEventDoesNoHarm() {
        Map<String, Object> event = scheduledEvent("2026-11-02T06:00:00Z");
        Map<String, Object> first =
                LambdaClient.invoke(event).statusCode(200).extract().as(Map.class);
        assertThat(((Number) first.get("snapshotsWritten")).intValue()).isPositive();
        assertThat(first).containsEntry("asOf", "2026-11-02T06:00:00Z").containsEntry("replay", false);
        Map<String, Object> retried =
                LambdaClient.invoke(event).statusCode(200).extract().as(Map.class);
        Map<String, Object> replayed = new HashMap<>(first);
        replayed.put("replay", true);
        assertThat(retried).isEqualTo(replayed);
    }

    @Test
    @Order(5)
    void answersJustBeforeMidnightAreCountedByTheRunAfterItWhichReadsOnlyThem() {
        String token = code("paris-opera", "customer");
        Random random = new Random(1113);
        List<Answer> late = List.of(
                answer(random, LocalDate.of(2026, 11, 12), 1),
                answer(random, LocalDate.of(2026, 11, 12), 2),
                answer(random, LocalDate.of(2026, 11, 12), 3));
        for (Answer a : late) {
            send("/submitFeedback", token, a);
        }
        // three more at 23:50, after the 23:15 run: only a run after midnight can see them
        List<Answer> lastOnes = List.of(
                answer(random, LocalDate.of(2026, 11, 12), 0),
                answer(random, LocalDate.of(2026, 11, 12), 1),
                answer(random, LocalDate.of(2026, 11, 12), 2));
        clock.reset();
        scheduledRun("2026-11-12T22:15:00Z"); // 23:15 in Paris
        for (Answer a : lastOnes) {
            send(
                    "/submitFeedback",
                    token,
                    a,
                    LocalDate.of(2026, 11, 12).atTime(23, 50).atZone(PARIS).toInstant());
        }
        clock.reset();

        // the 23:15 run settled what came before 23:00; the run after midnight reads what came since
        Map<String, Object> afterMidnight = scheduledRun("2026-11-12T23:15:00Z"); // 00:15 on the 13th in Paris
        assertThat(((Number) afterMidnight.get("answersRead")).intValue()).isEqualTo(3);
        Map<String, Object> day = get("unit", "paris-opera", "DAY:2026-11-12");
        assertThat(((Number) path(day, "customer.n")).intValue()).isEqualTo(6);
        List<Answer> all = new ArrayList<>(late);
        all.addAll(lastOnes);
        assertSide(day, "customer", "nps", all);

        // that run settled the whole day: the next runs of the grace read nothing of it, and the day stands
        assertThat(answersRead("2026-11-13T00:15:00Z")).isZero();
        assertSide(get("unit", "paris-opera", "DAY:2026-11-12"), "customer", "nps", all);
        // past the grace (3 h by default), a run reads its own day only
        assertThat(answersRead("2026-11-13T05:15:00Z")).isZero();
    }

    @Test
    @Order(5)
    void aScheduledRunLeavesTheCurrentDaysEmployeeAnswersToTheRunsAfterMidnight() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        String customers = code("paris-bastille", "customer", day);
        String employees = code("paris-bastille", "pulse", day);
        Random random = new Random(2011);
        send("/submitFeedback", customers, answer(random, day, 1));
        send("/submitPulse", employees, answer(random, day, 1));
        send("/submitPulse", employees, answer(random, day, 2));
        clock.reset();

        // the day is open: its employee figures cannot be published, so the run reads its customers only
        assertThat(answersRead("2026-11-20T13:15:00Z")).isEqualTo(1);
        // after midnight the finished day's employees are read whole, before any period containing it
        // closes; its customer was settled by the run before
        assertThat(answersRead("2026-11-20T23:15:00Z")).isEqualTo(2);
        Map<String, Object> dayShown = get("unit", "paris-bastille", "DAY:2026-11-20");
        assertThat(((Number) path(dayShown, "customer.n")).intValue()).isEqualTo(1);
        assertThat((Boolean) path(dayShown, "employee.suppressed")).isTrue();
    }

    @Test
    @Order(5)
    void anAnswerReceivedBeforeMidnightButStoredAfterTheFirstRunIsCountedByTheNext() {
        LocalDate day = LocalDate.of(2026, 11, 24);
        String customers = code("versailles-chantiers", "customer", day);
        String employees = code("versailles-chantiers", "pulse", day);
        Random random = new Random(2411);
        List<Answer> counted = new ArrayList<>(List.of(answer(random, day, 1), answer(random, day, 2)));
        for (Answer a : counted) {
            send("/submitFeedback", customers, a);
        }
        send("/submitPulse", employees, answer(random, day, 1));
        clock.reset();
        assertThat(answersRead("2026-11-24T20:00:00Z")).isEqualTo(2);

        // 00:00:20 in Paris: the run right after midnight reads the day's employees and settles its
        // customers up to 23:45 only: an answer received at 23:59:58 may still be on its way ...
        assertThat(answersRead("2026-11-24T23:00:20Z")).isEqualTo(1);
        // ... and it is, stored after that run (a slow write, a retry of the client's own)
        Answer late = answer(random, day, 3);
        send(
                "/submitFeedback",
                customers,
                late,
                day.atTime(23, 59, 58).atZone(PARIS).toInstant());
        send(
                "/submitPulse",
                employees,
                answer(random, day, 2),
                day.atTime(23, 59, 59).atZone(PARIS).toInstant());
        clock.reset();

        // the next run reads what came in since 23:45 (that answer) and the employees again, as the
        // first read of them was too early to be final; the one after reads nothing of the day
        assertThat(answersRead("2026-11-25T00:00:20Z")).isEqualTo(3);
        assertThat(answersRead("2026-11-25T01:00:20Z")).isZero();
        counted.add(late);
        Map<String, Object> shown = get("unit", "versailles-chantiers", "DAY:2026-11-24");
        assertThat(((Number) path(shown, "customer.n")).intValue()).isEqualTo(3);
        assertSide(shown, "customer", "nps", counted);
    }

    @Test
    @Order(5)
    void anAnswerSentBetweenTwoOnDemandRunsOfOneMinuteIsCountedByTheSecond() {
        LocalDate day = LocalDate.of(2026, 11, 27);
        String customers = code("saint-denis-basilique", "customer", day);
        Random random = new Random(2711);
        Instant first = day.atTime(11, 0, 5).atZone(PARIS).toInstant();
        send("/submitFeedback", customers, answer(random, day, 1), first);
        clock.set(first.plusSeconds(5));
        LambdaClient.invoke(Map.of()).statusCode(200);
        // a client answers, then asks for a run again within the same minute, then reads
        send("/submitFeedback", customers, answer(random, day, 2), first.plusSeconds(15));
        clock.set(first.plusSeconds(25));
        Map<String, Object> second =
                LambdaClient.invoke(Map.of()).statusCode(200).extract().as(Map.class);

        assertThat(((Number) path(get("unit", "saint-denis-basilique", "DAY:2026-11-27"), "customer.n")).intValue())
                .isEqualTo(2);
        assertThat(second)
                .containsEntry("replay", false)
                .containsEntry("asOf", first.plusSeconds(25).toString());
        assertThat(((Number) second.get("answersRead")).intValue()).isEqualTo(2);
    }

    /**
     * The hourly run at the scale of the largest networks: in an hour most stores get no answer, and a
     * run that rewrote every store's tallies and snapshots anyway paid for the whole organisation every
     * hour. A quiet hour writes nothing; one answer rewrites its unit's tallies and the snapshots whose
     * figures it changes (its unit's week and month, its region's and the organisation's day, week and
     * month), and no other store's.
     */
    @Test
    @Order(5)
    void aQuietHourWritesNothingAndOneAnswerRewritesOnlyWhatItChanges() {
        LocalDate day = LocalDate.of(2026, 11, 17);
        String customers = code("paris-bastille", "customer", day);
        Random random = new Random(1711);
        send(
                "/submitFeedback",
                customers,
                answer(random, day, 1),
                day.atTime(9, 30).atZone(PARIS).toInstant());
        // the runs are retried events, late on the clock that recomputed November earlier in this class
        // (a day's tallies keep the newest run's): each run is a minute after the one before
        Instant late = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60);
        clock.set(late);
        scheduledRun("2026-11-17T09:15:00Z"); // 10:15 in Paris: settles what came before 10:00
        String before = (String) get("unit", "paris-opera", "MONTH:2026-11").get("computedAt");

        writer.resetCount();
        clock.set(late.plusSeconds(60));
        Map<String, Object> quiet = scheduledRun("2026-11-17T10:15:00Z");
        assertThat(quiet).containsEntry("answersRead", 0).containsEntry("snapshotsWritten", 0);
        assertThat(writer.writes())
                .as("tally and snapshot writes of a quiet hour")
                .isZero();

        send(
                "/submitFeedback",
                customers,
                answer(random, day, 2),
                day.atTime(11, 30).atZone(PARIS).toInstant());
        writer.resetCount();
        clock.set(late.plusSeconds(120));
        Map<String, Object> oneAnswer = scheduledRun("2026-11-17T11:15:00Z");
        assertThat(oneAnswer).containsEntry("answersRead", 1).containsEntry("snapshotsWritten", 8);
        assertThat(writer.writes()).as("one month item and eight snapshots").isEqualTo(9);
        assertThat(((Number) path(get("unit", "paris-bastille", "DAY:2026-11-17"), "customer.n")).intValue())
                .isEqualTo(2);
        assertThat(get("unit", "paris-bastille", "MONTH:2026-11").get("computedAt"))
                .isEqualTo(late.plusSeconds(120).toString());
        // another store's snapshot shows the run that last changed its figures
        assertThat(get("unit", "paris-opera", "MONTH:2026-11").get("computedAt"))
                .isEqualTo(before);
    }

    /** The answers a scheduled run at {@code time} read: what tells a run that re-reads from one that follows the new answers. */
    private int answersRead(String time) {
        return ((Number) scheduledRun(time).get("answersRead")).intValue();
    }

    private Map<String, Object> scheduledRun(String time) {
        return LambdaClient.invoke(scheduledEvent(time))
                .statusCode(200)
                .extract()
                .as(Map.class);
    }

    /** EventBridge's scheduled event, as the schedule in template.yaml sends it. */
    private static Map<String, Object> scheduledEvent(String time) {
        return Map.of(
                "version",
                "0",
                "id",
                UUID.randomUUID().toString(),
                "detail-type",
                "Scheduled Event",
                "source",
                "aws.events",
                "account",
                "123456789012",
                "time",
                time,
                "region",
                "eu-west-3",
                "resources",
                List.of("arn:aws:events:eu-west-3:123456789012:rule/aggregate"),
                "detail",
                Map.of());
    }

    @Test
    @Order(6)
    void snapshotsAreListedPageByPageAndAMissingOneIsNotFound() {
        List<Object> periods = new ArrayList<>();
        String cursor = null;
        do {
            var request = Api.manager(base)
                    .queryParam("scope", "unit")
                    .queryParam("id", "paris-opera")
                    .queryParam("periodType", "DAY")
                    .queryParam("limit", 10);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Map<String, Object> page = request.get("/listSnapshots")
                    .then()
                    .statusCode(200)
                    .extract()
                    .as(Map.class);
            periods.addAll(((List<Map<String, Object>>) page.get("items"))
                    .stream().map(s -> s.get("period")).toList());
            cursor = (String) page.get("cursor");
        } while (cursor != null);
        assertThat(periods).contains("DAY:2026-10-31", "DAY:2026-10-01").doesNotHaveDuplicates();
        assertThat(periods.indexOf("DAY:2026-10-31")).isLessThan(periods.indexOf("DAY:2026-10-01"));

        List<Map<String, Object>> units = Api.manager(base)
                .queryParam("scope", "units")
                .queryParam("period", "MONTH:2026-10")
                .queryParam("limit", 50)
                .get("/listSnapshots")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        assertThat(units).extracting(s -> s.get("id")).containsAll(UNITS);

        Api.manager(base)
                .queryParam("scope", "unit")
                .queryParam("id", "paris-opera")
                .queryParam("period", "MONTH:2020-01")
                .get("/getSnapshot")
                .then()
                .statusCode(404)
                .body("error.code", equalTo("not_found"));
        Api.manager(base)
                .queryParam("scope", "unit")
                .queryParam("id", "paris-opera")
                .queryParam("period", "2026-10")
                .get("/getSnapshot")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("period"));
        Api.manager(base)
                .queryParam("scope", "unit")
                .queryParam("id", "paris-opera")
                .queryParam("cursor", "Zm9v")
                .get("/listSnapshots")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("cursor"));
        Api.anonymous(base)
                .queryParam("scope", "org")
                .queryParam("id", "demo")
                .queryParam("period", "MONTH:2026-10")
                .get("/getSnapshot")
                .then()
                .statusCode(401);
    }

    // --- reading -------------------------------------------------------------------------------

    private Map<String, Object> get(String scope, String id, String period) {
        return Api.manager(base)
                .queryParam("scope", scope)
                .queryParam("id", id)
                .queryParam("period", period)
                .get("/getSnapshot")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
    }

    private List<Map<String, Object>> octoberSnapshots() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String unit : UNITS) {
            for (String p : List.of("MONTH:2026-10", "WEEK:2026-W42", "DAY:2026-10-20")) {
                Map<String, Object> s = new HashMap<>(get("unit", unit, p));
                s.remove("computedAt");
                all.add(s);
            }
        }
        Map<String, Object> org = new HashMap<>(get("org", "demo", "MONTH:2026-10"));
        org.remove("computedAt");
        all.add(org);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> map, String dotted) {
        Object at = map;
        for (String part : dotted.split("\\.")) {
            at = ((Map<String, Object>) at).get(part);
        }
        return at;
    }

    // --- the independent calculation -------------------------------------------------------------

    private static void assertSide(Map<String, Object> snapshot, String side, String npsName, List<Answer> answers) {
        int n = answers.size();
        long promoters = answers.stream().filter(a -> a.recommend() >= 9).count();
        long detractors = answers.stream().filter(a -> a.recommend() <= 6).count();
        double p9 = (double) promoters / n;
        double p0 = (double) detractors / n;
        double nps = (p9 - p0) * 100;
        double moe = 1.96 * Math.sqrt((p9 + p0 - (p9 - p0) * (p9 - p0)) / n) * 100;
        assertThat(((Number) path(snapshot, side + ".n")).intValue()).isEqualTo(n);
        assertThat(((Number) path(snapshot, side + "." + npsName + ".value")).doubleValue())
                .isCloseTo(nps, within(0.051));
        assertThat(((Number) path(snapshot, side + "." + npsName + ".moe95")).doubleValue())
                .isCloseTo(moe, within(0.051));
        for (String d : DIMENSIONS) {
            Double expected = score(answers, d);
            if (expected != null) {
                assertThat(((Number) path(snapshot, side + ".dimensions." + d + ".score")).doubleValue())
                        .as("%s %s", side, d)
                        .isCloseTo(expected, within(0.051));
                assertThat(((Number) path(snapshot, side + ".dimensions." + d + ".n")).intValue())
                        .isEqualTo((int) answers.stream()
                                .filter(a -> a.ratings().containsKey(d))
                                .count());
            }
        }
        assertThat(((Number) path(snapshot, side + ".attentionIndex")).doubleValue())
                .isCloseTo(attention(answers), within(0.051));
    }

    private static Double score(List<Answer> answers, String dimension) {
        List<Integer> ratings = answers.stream()
                .filter(a -> a.ratings().containsKey(dimension))
                .map(a -> a.ratings().get(dimension))
                .toList();
        if (ratings.isEmpty()) {
            return null;
        }
        double mean = ratings.stream().mapToInt(Integer::intValue).average().orElseThrow();
        return (mean - 1) / 4 * 100;
    }

    private static double attention(List<Answer> answers) {
        return DIMENSIONS.stream()
                .map(d -> score(answers, d))
                .filter(s -> s != null)
                .mapToDouble(Double::doubleValue)
                .average()
                .orElseThrow();
    }

    private static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
