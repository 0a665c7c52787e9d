package app.symmetry.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import app.symmetry.testing.Api;
import app.symmetry.testing.ReliabilityCounters;
import app.symmetry.testing.TestClock;

/**
 * {@code listComments} as a store manager, a region's manager and an API client use it, and the attacks on it:
 * another store's comments, a role that reads no figure, a cursor made up or taken from another listing.
 */
@QuarkusTest
class ListCommentsTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String STORE = "grenoble-victor-hugo";
    static final String NEIGHBOUR = "annecy-vieille-ville";
    static final String REGION = "auvergne-rhone-alpes";
    static final String OTHER_REGION_STORE = "paris-bastille";
    static final String MONTH = "MONTH:2026-07";

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private String code(String unitId) {
        clock.set(Instant.parse("2026-07-01T06:00:00Z"));
        return Api.manager(base)
                .body(Map.of("unitId", unitId, "kind", "customer"))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    private void answer(String token, LocalDate day, int hour, int recommend, String comment, String email) {
        clock.set(day.atTime(hour, 0).atZone(PARIS).toInstant());
        Map<String, Object> body = new HashMap<>();
        body.put("submissionId", UUID.randomUUID().toString());
        body.put("token", token);
        body.put("recommend", recommend);
        body.put("ratings", Map.of("listening", 1 + recommend % 5, "information", 3));
        if (comment != null) {
            body.put("comment", comment);
        }
        if (email != null) {
            body.put("contact", Map.of("email", email, "consent", true));
        }
        Api.anonymous(base)
                .header("User-Agent", "phone-" + UUID.randomUUID())
                .body(body)
                .post("/submitFeedback")
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"));
    }

    private String key(String role, List<String> units) {
        Map<String, Object> body = new HashMap<>();
        body.put("role", role);
        if (!units.isEmpty()) {
            body.put("units", units);
        }
        return Api.manager(base)
                .body(body)
                .post("/createApiKey")
                .then()
                .statusCode(200)
                .extract()
                .path("apiKey");
    }

    private ValidatableResponse list(String key, String scope, String id, String period, Map<String, String> more) {
        var request = Api.withKey(base, key)
                .queryParam("scope", scope)
                .queryParam("id", id)
                .queryParam("period", period);
        more.forEach(request::queryParam);
        return request.get("/listComments").then();
    }

    /** Every page of a listing, followed by its cursors. */
    private List<Map<String, Object>> all(String key, String scope, String id, String period, int limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            Map<String, String> more = new HashMap<>(Map.of("limit", String.valueOf(limit)));
            if (cursor != null) {
                more.put("cursor", cursor);
            }
            Map<String, Object> body =
                    list(key, scope, id, period, more).statusCode(200).extract().as(Map.class);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> got = (List<Map<String, Object>>) body.get("items");
            assertThat(got.size()).isLessThanOrEqualTo(limit);
            items.addAll(got);
            cursor = (String) body.get("cursor");
            if (cursor == null) {
                return items;
            }
        }
        throw new AssertionError("the cursor never ended");
    }

    @Test
    void aStoreReadsItsCustomersWordsNewestFirstPageByPage() {
        String store = code(STORE);
        String neighbour = code(NEIGHBOUR);
        answer(store, LocalDate.of(2026, 7, 3), 10, 10, "Vendeuse très attentive.", null);
        answer(store, LocalDate.of(2026, 7, 3), 11, 8, null, null); // no words: not a comment
        answer(store, LocalDate.of(2026, 7, 3), 16, 2, "Personne ne m'a rappelé.", "rappel@example.org");
        answer(neighbour, LocalDate.of(2026, 7, 3), 12, 7, "Un peu d'attente.", null);
        answer(store, LocalDate.of(2026, 7, 9), 9, 9, "Bien conseillé.", null);
        answer(store, LocalDate.of(2026, 7, 21), 18, 6, "Caisse fermée.", null);
        answer(store, LocalDate.of(2026, 6, 30), 18, 10, "30 juin : hors du mois, dans la semaine.", null);
        clock.reset();

        String admin = Api.KEY;
        List<Map<String, Object>> unit = all(admin, "unit", STORE, MONTH, 2);
        assertThat(unit)
                .extracting(c -> c.get("text"))
                .containsExactly(
                        "Caisse fermée.", "Bien conseillé.", "Personne ne m'a rappelé.", "Vendeuse très attentive.");
        Map<String, Object> detractor = unit.get(2);
        assertThat(detractor)
                .containsEntry("unitId", STORE)
                .containsEntry("day", "2026-07-03")
                .containsEntry("recommend", 2)
                .containsEntry("group", "detractor")
                .containsEntry("ratings", Map.of("listening", 3, "information", 3));
        // the contact the customer left is for the follow-up, never beside the words
        assertThat(detractor.keySet())
                .containsExactlyInAnyOrder("unitId", "day", "recommend", "group", "ratings", "text");
        assertThat(unit)
                .extracting(c -> c.get("group"))
                .containsExactly("detractor", "promoter", "detractor", "promoter");
        assertThat(all(admin, "unit", STORE, MONTH, 50)).isEqualTo(unit);

        // A week (across the months' edge), a day: the comments of their days.
        assertThat(all(admin, "unit", STORE, "WEEK:2026-W27", 10))
                .extracting(c -> c.get("text"))
                .containsExactly(
                        "Personne ne m'a rappelé.",
                        "Vendeuse très attentive.",
                        "30 juin : hors du mois, dans la semaine.");
        assertThat(all(admin, "unit", STORE, "DAY:2026-07-09", 10))
                .extracting(c -> c.get("text"))
                .containsExactly("Bien conseillé.");

        // The region merges its stores' days, newest first; a service key reads it like the admin.
        List<Map<String, Object>> region = all(key("service", List.of()), "region", REGION, MONTH, 3);
        assertThat(region)
                .extracting(c -> c.get("text"))
                .containsSubsequence(
                        "Caisse fermée.",
                        "Bien conseillé.",
                        "Personne ne m'a rappelé.",
                        "Un peu d'attente.",
                        "Vendeuse très attentive.");
        assertThat(region).extracting(c -> c.get("unitId")).contains(NEIGHBOUR, STORE);
    }

    @Test
    void aViewerOfOneStoreCannotReadAnothersComments() {
        String other = code(OTHER_REGION_STORE);
        String neighbour = code(NEIGHBOUR);
        answer(other, LocalDate.of(2026, 7, 14), 10, 3, "Secret de Bastille.", null);
        answer(neighbour, LocalDate.of(2026, 7, 14), 11, 4, "Secret d'Annecy.", null);
        clock.reset();
        String manager = key("viewer", List.of(STORE));

        list(manager, "unit", STORE, MONTH, Map.of()).statusCode(200);
        // Another store answers exactly as a store that does not exist: the key learns nothing of it.
        Map<String, Object> another = list(manager, "unit", OTHER_REGION_STORE, MONTH, Map.of())
                .statusCode(404)
                .extract()
                .path("error");
        Map<String, Object> none = list(manager, "unit", "no-such-store", MONTH, Map.of())
                .statusCode(404)
                .extract()
                .path("error");
        assertThat(another.get("code")).isEqualTo(none.get("code")).isEqualTo("unknown_unit");
        assertThat(((String) another.get("message")).replace(OTHER_REGION_STORE, "X"))
                .isEqualTo(((String) none.get("message")).replace("no-such-store", "X"));
        list(manager, "unit", NEIGHBOUR, MONTH, Map.of()).statusCode(404).body("error.code", equalTo("unknown_unit"));
        list(manager, "region", "ile-de-france", MONTH, Map.of())
                .statusCode(404)
                .body("error.code", equalTo("not_found"));
        // Its region and the organisation: the comments of its own store only, never its neighbour's.
        for (String[] scope : new String[][] {{"region", REGION}, {"org", "demo"}}) {
            assertThat(all(manager, scope[0], scope[1], MONTH, 50))
                    .as(scope[0])
                    .allSatisfy(c -> assertThat(c.get("unitId")).isEqualTo(STORE))
                    .extracting(c -> c.get("text"))
                    .doesNotContain("Secret de Bastille.", "Secret d'Annecy.");
        }
        // HR mints pulse credentials and reads nothing; no key reads nothing.
        list(key("hr", List.of()), "unit", STORE, MONTH, Map.of())
                .statusCode(403)
                .body("error.code", equalTo("forbidden"));
        Api.anonymous(base)
                .queryParam("scope", "unit")
                .queryParam("id", STORE)
                .queryParam("period", MONTH)
                .get("/listComments")
                .then()
                .statusCode(401)
                .body("error.code", equalTo("unauthenticated"));
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    @Test
    void aCursorMadeUpOrTakenFromAnotherListingIsRefused() {
        String store = code(STORE);
        for (int i = 0; i < 3; i++) {
            answer(store, LocalDate.of(2026, 8, 25), 9 + i, 9, "Merci " + i, null);
        }
        clock.reset();
        String cursor = list(Api.KEY, "unit", STORE, "DAY:2026-08-25", Map.of("limit", "1"))
                .statusCode(200)
                .extract()
                .path("cursor");
        assertThat(cursor).isNotNull();
        list(Api.KEY, "unit", NEIGHBOUR, "DAY:2026-08-25", Map.of("cursor", cursor))
                .statusCode(400)
                .body("error.code", equalTo("invalid_field"))
                .body("error.field", equalTo("cursor"));
        list(Api.KEY, "unit", STORE, "DAY:2026-08-25", Map.of("cursor", "not-a-cursor"))
                .statusCode(400)
                .body("error.field", equalTo("cursor"));
        list(Api.KEY, "unit", STORE, MONTH, Map.of("limit", "51"))
                .statusCode(400)
                .body("error.code", equalTo("invalid_field"))
                .body("error.field", equalTo("limit"));
        list(Api.KEY, "unit", STORE, "MONTH:2026-13", Map.of()).statusCode(400).body("error.field", equalTo("period"));
    }

    /**
     * An organisation's quiet month is every unit's every day: a page reads a bounded number of them and says where
     * to go on, even when it found nothing yet, rather than reading the whole month in one request.
     */
    @Test
    void anOrganisationsQuietMonthIsReadInBoundedPages() {
        String store = code(STORE);
        answer(store, LocalDate.of(2026, 5, 2), 10, 8, "Seul commentaire de mai.", null);
        clock.reset();
        List<Integer> sizes = new ArrayList<>();
        List<Object> texts = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> more = new HashMap<>(Map.of("limit", "5"));
            if (cursor != null) {
                more.put("cursor", cursor);
            }
            Map<String, Object> page = list(Api.KEY, "org", "demo", "MONTH:2026-05", more)
                    .statusCode(200)
                    .extract()
                    .as(Map.class);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            sizes.add(items.size());
            items.forEach(c -> texts.add(c.get("text")));
            cursor = (String) page.get("cursor");
        } while (cursor != null && sizes.size() < 10);
        assertThat(texts).containsExactly("Seul commentaire de mai.");
        // 12 units and 31 days are more unit-days than one page reads: the first page stopped, empty, with a cursor
        assertThat(sizes).hasSizeGreaterThan(1).startsWith(0).endsWith(1);
    }
}
