package app.symmetry.smoke;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The smoke test of a deployed system, end to end over plain HTTP, as a user's client would call it:
 * it finds the organisation's smoke unit (a unit whose answers enter no region's or organisation's
 * figures: {@code "smoke": true} in the organisation file), issues it a code, opens its form, answers,
 * sends the same answer again, sends a tampered token, runs the aggregation and reads the day's
 * snapshot back. Each step is checked against the contract (openapi.yaml), never against this class.
 * <p>
 * Run after deploying by {@code ./mvnw -Psmoke verify -Dsmoke.url=… -Dsmoke.key=…} ({@link DeployedSmoke});
 * {@code ./mvnw verify} runs it against the local run ({@code LocalRunSmokeTest}).
 */
public final class SmokeCheck {

    /** One line of the table. */
    public record Step(String name, String expected, String got, boolean passed) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_BACK = Duration.ofSeconds(30);

    private final URI base;
    private final String key;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Step> steps = new ArrayList<>();

    /** @param base the API's base URL (the stage URL of a deployment), with or without the final {@code /} */
    public SmokeCheck(URI base, String key) {
        String url = base.toString();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.key = key;
    }

    /** Runs every step once; a step whose input an earlier step failed to give is failed, not skipped. */
    public List<Step> run() {
        steps.clear();
        JsonNode unit = listUnits();
        String token = unit == null ? null : issueUnitCode(unit.path("id").asText());
        if (token != null) {
            getForm(token, unit.path("id").asText());
        }
        String unitId = unit == null ? null : unit.path("id").asText();
        LocalDate day = unit == null
                ? null
                : LocalDate.now(ZoneId.of(unit.path("timeZone").asText()));
        long before = unit == null ? -1 : customerAnswers(unitId, day);
        String submissionId = UUID.randomUUID().toString();
        boolean answered = token != null && submit("submitFeedback (new answer)", submissionId, token, 200, "accepted");
        if (token != null) {
            submit("submitFeedback (same submissionId)", submissionId, token, 200, "duplicate");
            refused(tampered(token));
        }
        aggregate();
        if (answered) {
            readBack(unitId, day, before);
        } else {
            steps.add(new Step("getSnapshot (the day, after)", "the answer counted", "no answer was accepted", false));
        }
        return List.copyOf(steps);
    }

    public static boolean allPassed(List<Step> steps) {
        return !steps.isEmpty() && steps.stream().allMatch(Step::passed);
    }

    /** A plain-text table: step, expected, got, PASS/FAIL. */
    public static String table(List<Step> steps) {
        String[] head = {"step", "expected", "got", "result"};
        int[] width = {head[0].length(), head[1].length(), head[2].length(), 6};
        for (Step s : steps) {
            width[0] = Math.max(width[0], s.name().length());
            width[1] = Math.max(width[1], s.expected().length());
            width[2] = Math.max(width[2], Math.min(s.got().length(), 100));
        }
        StringBuilder out = new StringBuilder();
        row(out, width, head);
        row(out, width, new String[] {
            "-".repeat(width[0]), "-".repeat(width[1]), "-".repeat(width[2]), "-".repeat(width[3])
        });
        for (Step s : steps) {
            String got = s.got().length() > 100 ? s.got().substring(0, 97) + "..." : s.got();
            row(out, width, new String[] {s.name(), s.expected(), got, s.passed() ? "PASS" : "FAIL"});
        }
        out.append(allPassed(steps) ? "SMOKE TEST PASSED" : "SMOKE TEST FAILED")
                .append(" (")
                .append(steps.stream().filter(Step::passed).count())
                .append('/')
                .append(steps.size())
                .append(" steps passed)\n");
        return out.toString();
    }

    private static void row(StringBuilder out, int[] width, String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            out.append(String.format("%-" + width[i] + "s", cells[i])).append(i < cells.length - 1 ? " | " : "\n");
        }
    }

    private JsonNode listUnits() {
        String expected = "200, a unit with smoke: true";
        try {
            Reply r = get("listUnits", true);
            if (r.status != 200) {
                return fail("listUnits", expected, r);
            }
            for (JsonNode u : r.json.path("items")) {
                if (u.path("smoke").asBoolean(false)) {
                    steps.add(new Step(
                            "listUnits",
                            expected,
                            "200, smoke unit " + u.path("id").asText(),
                            true));
                    return u;
                }
            }
            steps.add(new Step(
                    "listUnits",
                    expected,
                    "200, " + r.json.path("items").size()
                            + " units, none with smoke: true (declare one in the organisation file)",
                    false));
        } catch (IOException e) {
            steps.add(new Step("listUnits", expected, e.toString(), false));
        }
        return null;
    }

    private String issueUnitCode(String unitId) {
        String expected = "200 with a token";
        try {
            Reply r = post("issueUnitCode", Map.of("unitId", unitId, "kind", "customer"), true);
            String token = r.json.path("token").asText("");
            if (r.status == 200 && !token.isEmpty()) {
                steps.add(new Step(
                        "issueUnitCode",
                        expected,
                        "200, code " + r.json.path("codeId").asText(),
                        true));
                return token;
            }
            fail("issueUnitCode", expected, r);
        } catch (IOException e) {
            steps.add(new Step("issueUnitCode", expected, e.toString(), false));
        }
        return null;
    }

    private void getForm(String token, String unitId) {
        String expected = "200, the form of " + unitId;
        try {
            Reply r = post("getForm", Map.of("token", token), false);
            boolean ok = r.status == 200
                    && unitId.equals(r.json.path("unit").path("id").asText())
                    && r.json.path("questionnaire").isObject();
            steps.add(new Step(
                    "getForm",
                    expected,
                    r.status + ", form of " + r.json.path("unit").path("id").asText("?")
                            + (r.status == 200 ? "" : " " + r.body),
                    ok));
        } catch (IOException e) {
            steps.add(new Step("getForm", expected, e.toString(), false));
        }
    }

    private boolean submit(String name, String submissionId, String token, int status, String receipt) {
        String expected = status + " " + receipt;
        try {
            Reply r = post("submitFeedback", answer(submissionId, token), false);
            String got = r.status + " " + r.json.path("status").asText(r.body);
            boolean ok = r.status == status
                    && receipt.equals(r.json.path("status").asText())
                    && submissionId.equals(r.json.path("submissionId").asText());
            steps.add(new Step(name, expected, got, ok));
            return ok;
        } catch (IOException e) {
            steps.add(new Step(name, expected, e.toString(), false));
            return false;
        }
    }

    private void refused(String tamperedToken) {
        String expected = "403 invalid_token";
        try {
            Reply r = post("submitFeedback", answer(UUID.randomUUID().toString(), tamperedToken), false);
            String code = r.json.path("error").path("code").asText("");
            steps.add(new Step(
                    "submitFeedback (tampered token)",
                    expected,
                    r.status + " " + (code.isEmpty() ? r.body : code),
                    r.status == 403 && code.equals("invalid_token")));
        } catch (IOException e) {
            steps.add(new Step("submitFeedback (tampered token)", expected, e.toString(), false));
        }
    }

    private void aggregate() {
        String expected = "200, a run over the units";
        try {
            Reply r = post("aggregateSnapshots", Map.of(), true);
            boolean ok = r.status == 200 && r.json.path("unitsProcessed").asInt(0) > 0;
            steps.add(new Step(
                    "aggregateSnapshots {}",
                    expected,
                    r.status
                            + (r.status == 200
                                    ? ", " + r.json.path("unitsProcessed").asInt() + " units, "
                                            + r.json.path("snapshotsWritten").asInt() + " snapshots"
                                            + (r.json.path("replay").asBoolean() ? ", replay" : "")
                                    : " " + r.body),
                    ok));
        } catch (IOException e) {
            steps.add(new Step("aggregateSnapshots {}", expected, e.toString(), false));
        }
    }

    /** Read again for a while: a deployment's reads may be eventually consistent, and a scheduled run may be writing. */
    private void readBack(String unitId, LocalDate day, long before) {
        String expected = "200, customer n >= " + (before + 1);
        try {
            long deadline = System.nanoTime() + READ_BACK.toNanos();
            Reply r = get(snapshotPath(unitId, day), true);
            while (r.json.path("customer").path("n").asLong(-1) < before + 1 && System.nanoTime() < deadline) {
                Thread.sleep(2000);
                r = get(snapshotPath(unitId, day), true);
            }
            long n = r.json.path("customer").path("n").asLong(-1);
            steps.add(new Step(
                    "getSnapshot (the day, after)",
                    expected,
                    r.status + (r.status == 200 ? ", customer n = " + n : " " + r.body),
                    r.status == 200 && n >= before + 1));
        } catch (IOException e) {
            steps.add(new Step("getSnapshot (the day, after)", expected, e.toString(), false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            steps.add(new Step("getSnapshot (the day, after)", expected, "interrupted", false));
        }
    }

    /** The unit's customer answers that day before the smoke test answers: 0 while the day has no snapshot. */
    private long customerAnswers(String unitId, LocalDate day) {
        String expected = "200 or 404 not_found";
        try {
            Reply r = get(snapshotPath(unitId, day), true);
            if (r.status == 404
                    && "not_found".equals(r.json.path("error").path("code").asText())) {
                steps.add(new Step("getSnapshot (the day, before)", expected, "404, not computed yet", true));
                return 0;
            }
            long n = r.json.path("customer").path("n").asLong(-1);
            steps.add(new Step(
                    "getSnapshot (the day, before)",
                    expected,
                    r.status + (r.status == 200 ? ", customer n = " + n : " " + r.body),
                    r.status == 200 && n >= 0));
            return Math.max(n, 0);
        } catch (IOException e) {
            steps.add(new Step("getSnapshot (the day, before)", expected, e.toString(), false));
            return 0;
        }
    }

    private static String snapshotPath(String unitId, LocalDate day) {
        return "getSnapshot?scope=unit&id=" + URLEncoder.encode(unitId, StandardCharsets.UTF_8) + "&period=DAY:" + day;
    }

    private static Map<String, Object> answer(String submissionId, String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("submissionId", submissionId);
        body.put("token", token);
        body.put("language", "en");
        body.put("recommend", 9);
        body.put("comment", "smoke test");
        return body;
    }

    /** The token with the first character of its signature changed: well formed, signed by no one. */
    static String tampered(String token) {
        int at = token.lastIndexOf('.') + 1;
        if (at <= 0 || at >= token.length()) {
            return token + "x";
        }
        char c = token.charAt(at);
        return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    private JsonNode fail(String name, String expected, Reply r) {
        steps.add(new Step(name, expected, r.status + " " + r.body, false));
        return null;
    }

    private record Reply(int status, String body, JsonNode json) {}

    private Reply get(String path, boolean authorised) throws IOException {
        return send(request(path, authorised).GET());
    }

    private Reply post(String path, Object body, boolean authorised) throws IOException {
        return send(request(path, authorised)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpRequest.Builder request(String path, boolean authorised) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("User-Agent", "symmetry-smoke-test");
        return authorised ? b.header("x-api-key", key) : b;
    }

    private Reply send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = JSON.readTree(r.body());
            } catch (IOException notJson) {
                json = JSON.missingNode();
            }
            return new Reply(r.statusCode(), r.body(), json == null ? JSON.missingNode() : json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
