package app.symmetry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.ReliabilityCounters;
import app.symmetry.testing.TableItems;

/**
 * Hostile input over the local HTTP binding, for every function: malformed JSON, wrong types, huge
 * numbers and strings, deep nesting, unicode edge cases, nulls, unknown fields and bodies over the
 * 64 KB limit, generated from a fixed seed ({@code -Dsymmetry.fuzz.seed=N} tries others). Every
 * input must get a 200 or a structured 4xx error with a code of the contract, never a
 * 5xx or an unstructured body; and a rejection writes nothing: the whole table is counted around
 * every window of inputs in which nothing was accepted by a function that writes.
 */
@QuarkusTest
class HostileInputTest {

    static final Set<String> CODES = Set.of(
            "malformed_json",
            "invalid_field",
            "unknown_field",
            "missing_field",
            "too_large",
            "unauthenticated",
            "invalid_token",
            "unknown_unit",
            "not_found",
            "link_spent",
            "link_expired",
            "token_revoked",
            "rate_limited");
    static final Set<String> WRITERS =
            Set.of("submitFeedback", "submitPulse", "revokeUnitCode", "aggregateSnapshots", "sendInvitations");
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Inject
    TableItems table;

    private String code(String kind) {
        return Api.manager(base)
                .body(Campaigns.credential(base, "annecy-vieille-ville", kind))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    private Map<String, Map<String, Object>> validBodies() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        String customer = code("customer");
        String pulse = code("pulse");
        out.put(
                "submitFeedback",
                new LinkedHashMap<>(Map.of(
                        "submissionId",
                        UUID.randomUUID().toString(),
                        "token",
                        customer,
                        "recommend",
                        8,
                        "language",
                        "fr",
                        "ratings",
                        Map.of("listening", 4),
                        "comment",
                        "ok",
                        "website",
                        "",
                        "contact",
                        Map.of("email", "a@example.org", "consent", true))));
        out.put(
                "submitPulse",
                new LinkedHashMap<>(Map.of(
                        "submissionId",
                        UUID.randomUUID().toString(),
                        "token",
                        pulse,
                        "recommend",
                        7,
                        "ratings",
                        Map.of("ownership", 3))));
        out.put("getForm", new LinkedHashMap<>(Map.of("token", customer)));
        out.put("listUnits", new LinkedHashMap<>());
        out.put(
                "issueLinks",
                new LinkedHashMap<>(
                        Map.of("unitId", "annecy-vieille-ville", "kind", "customer", "count", 2, "expiresInDays", 3)));
        out.put("issueUnitCode", new LinkedHashMap<>(Map.of("unitId", "annecy-vieille-ville", "kind", "pulse")));
        out.put(
                "sendInvitations",
                new LinkedHashMap<>(Map.of(
                        "unitId",
                        "annecy-vieille-ville",
                        "kind",
                        "customer",
                        "emails",
                        List.of("hostile-" + UUID.randomUUID() + "@example.test"))));
        out.put("revokeUnitCode", new LinkedHashMap<>(Map.of("token", code("customer"))));
        out.put("aggregateSnapshots", new LinkedHashMap<>(Map.of("from", "2026-06-01", "to", "2026-06-01")));
        out.put(
                "getSnapshot",
                new LinkedHashMap<>(Map.of("scope", "unit", "id", "annecy-vieille-ville", "period", "MONTH:2026-06")));
        out.put(
                "listSnapshots",
                new LinkedHashMap<>(
                        Map.of("scope", "unit", "id", "annecy-vieille-ville", "periodType", "MONTH", "limit", 3)));
        out.put(
                "listComments",
                new LinkedHashMap<>(Map.of(
                        "scope", "region", "id", "auvergne-rhone-alpes", "period", "MONTH:2026-06", "limit", 5)));
        return out;
    }

    static final String[] STRANGE_STRINGS = {
        "",
        " ",
        "\u0000",
        "a\u0000b",
        "\ud800",
        "\udfff",
        "x\ud83d",
        "\u202eevil\u202c",
        "\u200b\u200d\ufeff",
        "\u05d0\u05d1\u05d2 \u0627\u0644",
        "𝕏😀👩‍👩‍👧",
        "<script>alert(1)</script>",
        "'; DROP TABLE x;--",
        "../../etc/passwd",
        "%00",
        "\\u0000",
        "null",
        "true",
        "9",
        "-1",
        "1e400",
        "MONTH:9999-99",
        "WEEK:2026-W99",
        "DAY:2026-02-30",
        "3f0c2a8e-6c1b-4b5e-9a57-2f1d4b8e9c1",
        "kid.payload.mac",
        "new..",
        "..",
        "a.b.c.d"
    };

    private Object hostileValue(Random r) {
        return switch (r.nextInt(16)) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> r.nextInt();
            case 3 -> Long.MAX_VALUE;
            case 4 -> new BigInteger("9223372036854775808"); // 2^63
            case 5 -> new BigDecimal("1e400");
            case 6 -> -0.0;
            case 7 -> 9.5;
            case 8 -> STRANGE_STRINGS[r.nextInt(STRANGE_STRINGS.length)];
            case 9 -> "x".repeat(1 + r.nextInt(5000));
            case 10 -> List.of(1, "a", Map.of());
            case 11 -> Map.of("nested", Map.of("deeper", List.of()));
            case 12 -> new ArrayList<>();
            case 13 -> new LinkedHashMap<>();
            case 14 -> r.nextInt(12) - 1;
            default -> UUID.randomUUID().toString();
        };
    }

    /** One hostile body for a function, as the raw text sent. */
    private String hostileBody(Random r, Map<String, Object> valid) throws Exception {
        int kind = r.nextInt(12);
        switch (kind) {
            case 0: { // malformed JSON: a valid body cut, or garbage
                String text = JSON.writeValueAsString(valid);
                return r.nextBoolean() && text.length() > 1
                        ? text.substring(0, r.nextInt(text.length() - 1) + 1)
                        : new String[] {
                                    "{",
                                    "}",
                                    "[",
                                    "nul",
                                    "{\"a\":}",
                                    "{'a':1}",
                                    "{\"a\":1,}",
                                    "\u0000",
                                    "{\"a\":NaN}",
                                    "{\"a\":Infinity}",
                                    "{\"a\":01}",
                                    "{\"a\" 1}",
                                    "\"just a string\"",
                                    "42",
                                    "[]",
                                    "null",
                                    ""
                                }
                                [r.nextInt(17)];
            }
            case 1: { // deep nesting
                int depth = r.nextBoolean() ? 1000 : 5000;
                String open = r.nextBoolean() ? "{\"a\":" : "[";
                String close = open.equals("[") ? "]" : "}";
                return open.repeat(depth) + "1" + close.repeat(depth);
            }
            case 2: { // oversized body (> 64 KB)
                Map<String, Object> big = new LinkedHashMap<>(valid);
                big.put(
                        valid.isEmpty() ? "comment" : valid.keySet().iterator().next(),
                        "é".repeat(40_000 + r.nextInt(40_000)));
                return JSON.writeValueAsString(big);
            }
            case 3: { // unknown field
                Map<String, Object> extra = new LinkedHashMap<>(valid);
                extra.put(STRANGE_STRINGS[r.nextInt(STRANGE_STRINGS.length)] + "_x", hostileValue(r));
                return JSON.writeValueAsString(extra);
            }
            case 4: { // huge numbers as raw text, which Jackson must read
                String name =
                        valid.isEmpty() ? "recommend" : new ArrayList<>(valid.keySet()).get(r.nextInt(valid.size()));
                String number = new String[] {
                            "1e400",
                            "-1e400",
                            "9223372036854775808",
                            "18446744073709551616",
                            "1" + "0".repeat(2000),
                            "0.0000000000000000000001",
                            "-0",
                            "1E+2"
                        }
                        [r.nextInt(8)];
                String text = JSON.writeValueAsString(valid);
                return text.equals("{}")
                        ? "{\"" + name + "\":" + number + "}"
                        : "{\"" + name + "\":" + number + "," + text.substring(1);
            }
            case 5: // raw invalid UTF-8 and lone surrogate escapes
                return r.nextBoolean()
                        ? "{\"comment\":\"\\ud800\",\"token\":\"\\udfff\"}"
                        : new String(
                                new byte[] {
                                    '{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'
                                },
                                StandardCharsets.ISO_8859_1);
            case 6: // the whole body is not an object
                return JSON.writeValueAsString(hostileValue(r));
            default: { // one or more fields replaced or removed
                Map<String, Object> mutated = new LinkedHashMap<>(valid);
                int changes = 1 + r.nextInt(2);
                for (int i = 0; i < changes && !mutated.isEmpty(); i++) {
                    String name = new ArrayList<>(mutated.keySet()).get(r.nextInt(mutated.size()));
                    Object value = hostileValue(r);
                    if (value == null && r.nextBoolean()) {
                        mutated.remove(name);
                    } else {
                        mutated.put(name, value);
                    }
                }
                if (mutated.containsKey("submissionId") && r.nextInt(3) > 0) {
                    mutated.put("submissionId", UUID.randomUUID().toString());
                }
                return JSON.writeValueAsString(mutated);
            }
        }
    }

    @Test
    void everyHostileInputGetsA200OrAStructured4xxAndARejectionWritesNothing() throws Exception {
        Random random = new Random(Long.getLong("symmetry.fuzz.seed", 20261123L));
        int perFunction = ReliabilityCounters.heavy() ? 600 : 60;
        Map<String, Map<String, Object>> valid = validBodies();
        long tried = 0, rejected = 0, accepted = 0, cutOversized = 0, longUri = 0;
        List<String> failures = new ArrayList<>();
        int windowCount = table.count();
        boolean windowWrote = false;
        for (int i = 0; i < perFunction; i++) {
            for (Map.Entry<String, Map<String, Object>> f : valid.entrySet()) {
                String body = hostileBody(random, f.getValue());
                boolean viaGet = !WRITERS.contains(f.getKey()) && random.nextInt(4) == 0;
                Response response;
                if (viaGet) {
                    var request = Api.manager(base);
                    Map<?, ?> params = body.startsWith("{") ? safeMap(body) : Map.of("x", body);
                    params.forEach((k, v) -> request.queryParam(String.valueOf(k), String.valueOf(v)));
                    try {
                        response = request.get("/" + f.getKey());
                    } catch (Exception cut) {
                        if (!(cut instanceof SocketException)) {
                            throw cut;
                        }
                        // the same finding as the 414: a huge URI is cut by the HTTP codec, no error body
                        tried++;
                        longUri++;
                        continue;
                    }
                } else {
                    // the raw invalid UTF-8 case is built from bytes (ISO-8859-1 keeps them); everything else is UTF-8
                    byte[] bytes = body.indexOf('\u00ed') >= 0 && body.length() < 20
                            ? body.getBytes(StandardCharsets.ISO_8859_1)
                            : body.getBytes(StandardCharsets.UTF_8);
                    try {
                        response = Api.manager(base).body(bytes).post("/" + f.getKey());
                    } catch (Exception cut) {
                        if (!(cut instanceof SocketException)) {
                            throw cut;
                        }
                        // Finding (issue 7 report): far over the limit, the server closes the connection
                        // while the client is still sending, so no structured too_large reaches it.
                        if (bytes.length <= 64 * 1024) {
                            failures.add(
                                    "connection cut on a body under the limit: " + f.getKey() + " " + abbreviate(body));
                        }
                        tried++;
                        cutOversized++;
                        continue;
                    }
                }
                tried++;
                int status = response.statusCode();
                String text = response.asString();
                String label = f.getKey() + (viaGet ? " GET " : " POST ") + abbreviate(body) + " -> " + status + " "
                        + abbreviate(text);
                if (status == 414 && viaGet) {
                    // Finding (issue 7 report): an over-long query string is refused by Vert.x's HTTP codec
                    // before any route runs, with an empty body; on AWS API Gateway answers it instead.
                    longUri++;
                    continue;
                }
                if (status == 200) {
                    accepted++;
                    windowWrote |= WRITERS.contains(f.getKey());
                } else if (status >= 400 && status < 500) {
                    rejected++;
                    try {
                        Map<?, ?> error =
                                (Map<?, ?>) JSON.readValue(text, Map.class).get("error");
                        if (error == null
                                || !CODES.contains(error.get("code"))
                                || !(error.get("message") instanceof String)
                                || !Boolean.FALSE.equals(error.get("retryable"))) {
                            failures.add("unstructured error: " + label);
                        }
                    } catch (Exception notJson) {
                        failures.add("not JSON: " + label);
                    }
                } else {
                    failures.add("unexpected status: " + label);
                    if (status >= 500) {
                        ReliabilityCounters.add(ReliabilityCounters.SERVER_ERRORS, 1);
                    }
                }
            }
            if (i % 10 == 9) {
                int now = table.count();
                if (!windowWrote && now != windowCount) {
                    failures.add(
                            "rejected inputs wrote " + (now - windowCount) + " items (inputs up to round " + i + ")");
                }
                windowCount = now;
                windowWrote = false;
            }
        }
        ReliabilityCounters.add(ReliabilityCounters.SERVER_ERRORS, 0); // counted as they happen; registers the figure
        ReliabilityCounters.add(ReliabilityCounters.INPUTS_TRIED, tried);
        ReliabilityCounters.add(ReliabilityCounters.INPUTS_REJECTED, rejected);
        ReliabilityCounters.add(ReliabilityCounters.INPUTS_ACCEPTED, accepted);
        ReliabilityCounters.add("oversized bodies cut without a response (finding)", cutOversized);
        ReliabilityCounters.add("over-long GET URIs: bare 414, no error body (finding)", longUri);
        System.out.printf(
                "[reliability] hostile inputs tried: %d (rejected with a structured 4xx: %d, accepted: %d, oversized cut: %d)%n",
                tried, rejected, accepted, cutOversized);
        assertThat(failures).as("hostile inputs that were not handled").isEmpty();
    }

    private static Map<?, ?> safeMap(String body) {
        try {
            return JSON.readValue(body, Map.class);
        } catch (Exception e) {
            return Map.of("x", body);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 160) + "…(" + s.length() + " chars)";
    }
}
