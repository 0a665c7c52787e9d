package app.symmetry.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 18, item 5: the local run started at another time ({@code SYMMETRY_LOCAL_CLOCK}) places answers
 * in a past month; stopped and started again at the present on the same data, it shows that month
 * closed: the employee figures, withheld while the month was open, are published.
 */
class LocalRunPastMonthTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String UNIT = "paris-opera";
    static final int CUSTOMERS = 10;
    static final int EMPLOYEES = 6; // k = 5 by default: a group of 6 is published once its month is closed

    @Test
    void aMonthAnsweredAtAPastClockIsClosedAndPublishedWhenTheRunComesBackToThePresent() throws Exception {
        Path work = Path.of("target", "local-run-clock").toAbsolutePath();
        deleteRecursively(work);
        Path data = work.resolve("data");
        // two months back: closed in every unit's time zone whatever the hour now
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
        LocalDate day = month.atDay(10);
        String clock = day + "T12:00:00Z";

        try (LocalRunProcess past = LocalRunProcess.start(
                data, Map.of("SYMMETRY_LOCAL_CLOCK", clock, "SYMMETRY_LOCAL_AGGREGATE_EVERY", "PT2S"))) {
            answer(past, "customer", "submitFeedback", CUSTOMERS, "");
            // pulse links belong to a campaign, started at the run's (past) clock
            answer(
                    past,
                    "pulse",
                    "submitPulse",
                    EMPLOYEES,
                    "&campaignId=" + campaign(past, EMPLOYEES, day.plusDays(20)));
            // the answers are on the past day, and the timer aggregates them at the past time
            Map<String, Object> dayFigures = awaitSnapshot(past, "DAY:" + day, s -> customerN(s) == CUSTOMERS);
            assertThat(customerN(dayFigures)).isEqualTo(CUSTOMERS);
            Map<String, Object> open = awaitSnapshot(past, "MONTH:" + month, s -> customerN(s) == CUSTOMERS);
            assertThat(employee(open)).containsEntry("suppressed", true).containsEntry("reason", "open_period");
            past.stop();
        }

        try (LocalRunProcess present = LocalRunProcess.start(data, Map.of())) {
            // at start, the days it was stopped for are aggregated again: the month is closed meanwhile
            awaitLog(present, "Aggregation (catching up from " + day.minusDays(1) + " to ");
            Map<String, Object> closed = awaitSnapshot(
                    present,
                    "MONTH:" + month,
                    s -> Boolean.FALSE.equals(employee(s).get("suppressed")));
            assertThat(employee(closed)).containsEntry("n", EMPLOYEES);
            assertThat(customerN(closed)).isEqualTo(CUSTOMERS);
        }
    }

    /** {@code count} answers of one audience, each on its own single-use link, all acknowledged. */
    private static void answer(LocalRunProcess run, String kind, String function, int count, String campaign)
            throws Exception {
        HttpResponse<String> csv = get(
                run, "links.csv?unitId=" + UNIT + "&kind=" + kind + "&count=" + count + "&expiresInDays=30" + campaign);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        int tokenColumn = List.of(lines.get(0).split(",")).indexOf("token");
        for (String line : lines.subList(1, lines.size())) {
            Map<String, Object> body = new HashMap<>();
            body.put("submissionId", UUID.randomUUID().toString());
            body.put("token", line.split(",")[tokenColumn]);
            body.put("language", "fr");
            body.put("recommend", 8);
            body.put(
                    "ratings",
                    Map.of("listening", 4, "ownership", 4, "information", 3, "recognition", 5, "cooperation", 4));
            body.put("website", "");
            HttpResponse<String> reply = HTTP.send(
                    HttpRequest.newBuilder(run.baseUrl().resolve(function))
                            .header("Content-Type", "application/json")
                            .header("User-Agent", "clock-test")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            assertThat(reply.body()).contains("\"accepted\"");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitSnapshot(
            LocalRunProcess run, String period, Predicate<Map<String, Object>> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> reply = get(run, "getSnapshot?scope=unit&id=" + UNIT + "&period=" + period);
            last = reply.statusCode() + " " + reply.body();
            if (reply.statusCode() == 200) {
                Map<String, Object> snapshot = JSON.readValue(reply.body(), Map.class);
                if (until.test(snapshot)) {
                    return snapshot;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "the " + period + " snapshot of " + UNIT + " never got there; last: " + last + "; log " + run.log());
    }

    private static void awaitLog(LocalRunProcess run, String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!Files.readString(run.log()).contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the local run never logged '" + line + "'; log " + run.log());
            }
            Thread.sleep(500);
        }
    }

    @SuppressWarnings("unchecked")
    private static long customerN(Map<String, Object> snapshot) {
        Object customer = snapshot.get("customer");
        return customer instanceof Map<?, ?> c && c.get("n") instanceof Number n ? n.longValue() : -1;
    }

    /** A pulse campaign of {@code headcount} for the unit, with the run's admin key; its id. */
    private static String campaign(LocalRunProcess run, int headcount, LocalDate closesOn) throws Exception {
        HttpResponse<String> reply = HTTP.send(
                HttpRequest.newBuilder(run.baseUrl().resolve("startPulseCampaign"))
                        .header("x-api-key", LocalRunProcess.API_KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                Map.of("unitId", UNIT, "headcount", headcount, "closesOn", closesOn.toString()))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return (String) JSON.readValue(reply.body(), Map.class).get("campaignId");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> employee(Map<String, Object> snapshot) {
        Object employee = snapshot.get("employee");
        return employee instanceof Map<?, ?> e ? (Map<String, Object>) e : Map.of();
    }

    private static HttpResponse<String> get(LocalRunProcess run, String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(run.baseUrl().resolve(path))
                        .header("x-api-key", LocalRunProcess.API_KEY)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void deleteRecursively(Path dir) throws IOException {
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
