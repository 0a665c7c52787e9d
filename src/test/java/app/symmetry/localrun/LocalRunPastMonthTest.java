package app.symmetry.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** A form link in an e-mail (either part): its token ends at the first character a token never has. */
    private static final Pattern FORM_LINK = Pattern.compile("/form/#t=([A-Za-z0-9._~-]+)");

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
            answer(past, "submitFeedback", customerLinks(past, CUSTOMERS));
            // pulse links belong to a campaign, started at the run's (past) clock, and reach each employee by
            // e-mail (the local run's SES emulator)
            answer(past, "submitPulse", invitedEmployees(past, campaign(past, EMPLOYEES, day.plusDays(20)), EMPLOYEES));
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

    /** {@code count} single-use customer links, from the local run's CSV export. */
    private static List<String> customerLinks(LocalRunProcess run, int count) throws Exception {
        HttpResponse<String> csv =
                get(run, "links.csv?unitId=" + UNIT + "&kind=customer&count=" + count + "&expiresInDays=30");
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        int tokenColumn = List.of(lines.get(0).split(",")).indexOf("token");
        return lines.subList(1, lines.size()).stream()
                .map(line -> line.split(",")[tokenColumn])
                .toList();
    }

    /** The pulse links that {@code count} employees receive: invited by e-mail, read from the local mailbox. */
    private static List<String> invitedEmployees(LocalRunProcess run, String campaignId, int count) throws Exception {
        List<String> team = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            team.add("employee-" + UUID.randomUUID() + "@example.test");
        }
        HttpResponse<String> sent = HTTP.send(
                HttpRequest.newBuilder(run.baseUrl().resolve("sendInvitations"))
                        .header("x-api-key", LocalRunProcess.API_KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                                Map.of("unitId", UNIT, "kind", "pulse", "campaignId", campaignId, "emails", team))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        HttpResponse<String> mailbox = HTTP.send(
                HttpRequest.newBuilder(run.baseUrl().resolve("mailbox")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        URI store = URI.create(mailbox.headers().firstValue("location").orElseThrow())
                .resolve("/store");
        Set<String> tokens = new LinkedHashSet<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String mails = HTTP.send(HttpRequest.newBuilder(store).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher link = FORM_LINK.matcher(mails);
            while (link.find()) {
                tokens.add(link.group(1));
            }
            assertThat(tokens)
                    .as("one link per invited employee in the mailbox")
                    .hasSize(count);
        });
        return List.copyOf(tokens);
    }

    /** Each token answered once, all acknowledged. */
    private static void answer(LocalRunProcess run, String function, List<String> tokens) throws Exception {
        for (String token : tokens) {
            Map<String, Object> body = new HashMap<>();
            body.put("submissionId", UUID.randomUUID().toString());
            body.put("token", token);
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
