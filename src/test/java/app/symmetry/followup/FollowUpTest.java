package app.symmetry.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
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

import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;
import app.symmetry.testing.ReliabilityCounters;
import app.symmetry.testing.TableItems;
import app.symmetry.testing.TestClock;
import app.symmetry.testing.Tokens;
import app.symmetry.token.Audience;

/**
 * Detractor follow-up over the local HTTP binding: who becomes one, who may read and move it, and
 * that the customer's address is nowhere but in the follow-up, and gone once closed or 30 days old.
 */
@QuarkusTest
class FollowUpTest {

    static final String STORE = "lyon-croix-rousse";
    static final String OTHER_STORE = "grenoble-victor-hugo";
    static final String REGION = "auvergne-rhone-alpes";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Tokens tokens;

    @Inject
    TableItems table;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String answer(String unit, int recommend, String email, boolean consent) {
        Map<String, Object> body = Answers.with(
                Answers.feedback(
                        tokens.link(Audience.CUSTOMER, unit, Instant.now().plus(Duration.ofDays(400)))),
                "recommend",
                recommend);
        if (email != null) {
            body.put("contact", Map.of("email", email, "consent", consent));
        }
        Api.anonymous(base).body(body).post("/submitFeedback").then().statusCode(200);
        return (String) body.get("submissionId");
    }

    private static String email() {
        return "client-" + UUID.randomUUID() + "@example.test";
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

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String key, String scope, String id) {
        var request = Api.withKey(base, key).queryParam("scope", scope).queryParam("limit", 100);
        if (id != null) {
            request.queryParam("id", id);
        }
        return request.get("/listFollowUps").then().statusCode(200).extract().path("items");
    }

    private Map<String, Object> find(String key, String scope, String id, String followUpId) {
        return list(key, scope, id).stream()
                .filter(f -> f.get("followUpId").equals(followUpId))
                .findFirst()
                .orElse(null);
    }

    private ValidatableResponse update(String key, String followUpId, String status, String note) {
        Map<String, Object> body = new HashMap<>();
        body.put("followUpId", followUpId);
        body.put("status", status);
        if (note != null) {
            body.put("note", note);
        }
        return Api.withKey(base, key).body(body).post("/updateFollowUp").then();
    }

    private boolean tableHolds(String text) {
        return table.all().stream().anyMatch(item -> item.toString().contains(text));
    }

    @Test
    void aDetractorWhoTickedTheBoxBecomesAFollowUpWithTheAddressKeptApartFromTheAnswer() {
        String address = email();
        String id = answer(STORE, 3, address, true);

        Map<String, Object> followUp = find(Api.KEY, "unit", STORE, id);
        assertThat(followUp).isNotNull();
        assertThat(followUp)
                .containsEntry("status", "open")
                .containsEntry("recommend", 3)
                .containsEntry("contactEmail", address)
                .containsEntry("unitId", STORE);
        // the answer item keeps no address: only the follow-up's own contact item does
        assertThat(table.withKeyPrefix("ANSWER#")).noneMatch(i -> i.toString().contains(address));
        assertThat(table.all().stream().filter(i -> i.toString().contains(address)))
                .singleElement()
                .satisfies(i -> assertThat(i.get("sk").s()).isEqualTo("CONTACT"));
        // listed by region and organisation too, newest first
        assertThat(find(Api.KEY, "region", REGION, id)).isNotNull();
        assertThat(list(Api.KEY, "org", null).get(0).get("followUpId")).isEqualTo(id);
    }

    @Test
    void noFunctionButTheFollowUpsOnesReturnsACustomersAddress() {
        String address = email();
        answer(STORE, 1, address, true);
        Api.manager(base).body(Map.of()).post("/aggregateSnapshots").then().statusCode(200);
        String month =
                "MONTH:" + LocalDate.now(ZoneId.of("Europe/Paris")).toString().substring(0, 7);
        List<String> outputs = List.of(
                Api.manager(base).get("/listUnits").asString(),
                Api.manager(base)
                        .queryParam("scope", "unit")
                        .queryParam("id", STORE)
                        .get("/listSnapshots")
                        .asString(),
                Api.manager(base)
                        .queryParam("scope", "unit")
                        .queryParam("id", STORE)
                        .queryParam("period", month)
                        .get("/getSnapshot")
                        .asString(),
                Api.manager(base)
                        .queryParam("scope", "units")
                        .queryParam("period", month)
                        .get("/listSnapshots")
                        .asString(),
                Api.manager(base).get("/listApiKeys").asString());
        assertThat(outputs).noneMatch(o -> o.contains(address));
        assertThat(list(Api.KEY, "unit", STORE)).anyMatch(f -> address.equals(f.get("contactEmail")));
    }

    @Test
    void aPromoterOrACustomerWhoDidNotTickTheBoxLeavesNoAddressAnywhere() {
        String promoter = email();
        String unticked = email();
        String promoterId = answer(STORE, 9, promoter, true);
        String untickedId = answer(STORE, 2, unticked, false);

        assertThat(find(Api.KEY, "unit", STORE, promoterId)).isNull();
        assertThat(find(Api.KEY, "unit", STORE, untickedId)).isNull();
        assertThat(tableHolds(promoter)).isFalse();
        assertThat(tableHolds(unticked)).isFalse();
    }

    @Test
    void aViewerOfOneStoreClosingAnotherStoresFollowUp() {
        String id = answer(OTHER_STORE, 1, email(), true);
        String viewer = key("viewer", List.of(STORE));

        update(viewer, id, "closed", "not mine to close")
                .statusCode(403)
                .body("error.code", equalTo("forbidden"))
                .body("error.retryable", equalTo(false));
        assertThat(find(Api.KEY, "unit", OTHER_STORE, id)).containsEntry("status", "open");
        // nor listed to them: another store reads as no such unit
        Api.withKey(base, viewer)
                .queryParam("scope", "unit")
                .queryParam("id", OTHER_STORE)
                .get("/listFollowUps")
                .then()
                .statusCode(404)
                .body("error.code", equalTo("unknown_unit"));
        assertThat(list(viewer, "region", REGION))
                .noneMatch(f -> f.get("followUpId").equals(id));
        assertThat(list(viewer, "org", null)).noneMatch(f -> f.get("followUpId").equals(id));
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    @Test
    void aServiceKeyOrAnHrKeyReadingFollowUps() {
        answer(STORE, 0, email(), true);
        for (String role : List.of("service", "hr")) {
            Api.withKey(base, key(role, List.of()))
                    .queryParam("scope", "org")
                    .get("/listFollowUps")
                    .then()
                    .statusCode(403)
                    .body("error.code", equalTo("forbidden"));
        }
    }

    @Test
    void anInScopeViewerMovesTheFollowUpOnAndClosingItDeletesTheAddress() {
        String address = email();
        String id = answer(STORE, 5, address, true);
        String viewer = key("viewer", List.of(STORE));

        update(viewer, id, "contacted", "called back, left a message")
                .statusCode(200)
                .body("status", equalTo("contacted"))
                .body("note", equalTo("called back, left a message"))
                .body("contactEmail", equalTo(address));
        update(viewer, id, "open", null)
                .statusCode(409)
                .body("error.code", equalTo("invalid_transition"))
                .body("error.field", equalTo("status"));
        update(viewer, id, "closed", "apologised; voucher sent")
                .statusCode(200)
                .body("status", equalTo("closed"))
                .body("contactEmail", equalTo(null));

        assertThat(tableHolds(address)).isFalse();
        assertThat(find(viewer, "unit", STORE, id))
                .containsEntry("status", "closed")
                .doesNotContainKey("contactEmail");
        update(viewer, id, "closed", "again").statusCode(409).body("error.code", equalTo("invalid_transition"));
    }

    @Test
    void badUpdatesAreRefusedWithTheirFieldAndNothingChanges() {
        String id = answer(STORE, 4, email(), true);
        update(Api.KEY, id, "reopened", null)
                .statusCode(400)
                .body("error.code", equalTo("invalid_field"))
                .body("error.field", equalTo("status"));
        update(Api.KEY, id, "contacted", "x".repeat(501))
                .statusCode(400)
                .body("error.code", equalTo("too_large"))
                .body("error.field", equalTo("note"));
        update(Api.KEY, "not-a-uuid", "contacted", null).statusCode(400).body("error.field", equalTo("followUpId"));
        update(Api.KEY, UUID.randomUUID().toString(), "contacted", null)
                .statusCode(404)
                .body("error.code", equalTo("not_found"));
        assertThat(find(Api.KEY, "unit", STORE, id)).containsEntry("status", "open");
    }

    @Test
    void theAddressIsDeletedByTheSystemAfterThirtyDaysClosedOrNot() {
        Instant answered = Instant.parse("2026-10-01T09:00:00Z");
        clock.set(answered);
        String address = email();
        String id = answer(STORE, 2, address, true);

        clock.set(answered.plus(Duration.ofDays(29)));
        Api.manager(base)
                .body(Map.of("time", answered.plus(Duration.ofDays(29)).toString()))
                .post("/aggregateSnapshots")
                .then()
                .statusCode(200);
        assertThat(tableHolds(address)).as("kept until its 30 days are up").isTrue();

        clock.set(answered.plus(Duration.ofDays(30)).plusSeconds(3600));
        Api.manager(base)
                .body(Map.of(
                        "time",
                        answered.plus(Duration.ofDays(30)).plusSeconds(3600).toString()))
                .post("/aggregateSnapshots")
                .then()
                .statusCode(200);
        assertThat(tableHolds(address)).isFalse();
        assertThat(find(Api.KEY, "unit", STORE, id))
                .containsEntry("status", "open")
                .doesNotContainKey("contactEmail");
    }

    @Test
    void onlyAnAdminErasesACustomersAddressOnRequest() {
        String address = email();
        String id = answer(STORE, 6, address, true);
        Api.withKey(base, key("viewer", List.of(STORE)))
                .body(Map.of("followUpId", id))
                .post("/eraseContact")
                .then()
                .statusCode(403);
        assertThat(tableHolds(address)).isTrue();

        Api.manager(base)
                .body(Map.of("followUpId", id))
                .post("/eraseContact")
                .then()
                .statusCode(200)
                .body("erased", equalTo(true));
        assertThat(tableHolds(address)).isFalse();
        Api.manager(base)
                .body(Map.of("followUpId", id))
                .post("/eraseContact")
                .then()
                .statusCode(200)
                .body("erased", equalTo(false));
    }

    @Test
    void pagesFollowEachOtherNewestFirstWithoutRepeats() {
        String unit = "annecy-vieille-ville";
        Instant start = Instant.parse("2026-11-02T08:00:00Z");
        for (int i = 0; i < 5; i++) {
            clock.set(start.plusSeconds(60L * i));
            answer(unit, i, email(), true);
        }
        clock.reset();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = Api.manager(base)
                    .queryParam("scope", "unit")
                    .queryParam("id", unit)
                    .queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/listFollowUps").then().statusCode(200).extract();
            List<String> received = page.path("items.receivedAt");
            seen.addAll(received);
            cursor = page.path("cursor");
        } while (cursor != null);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        assertThat(seen).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }
}
