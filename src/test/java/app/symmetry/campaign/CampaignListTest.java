package app.symmetry.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import app.symmetry.testing.Api;
import app.symmetry.testing.Invitations;
import app.symmetry.testing.ReliabilityCounters;

/** {@code listCampaigns}: a unit's pulse campaigns and who issued their credentials, to hr and admin within scope. */
@QuarkusTest
class CampaignListTest {

    static final String STORE = "annecy-vieille-ville";
    static final String OTHER_STORE = "paris-bastille";

    @TestHTTPResource("/")
    URL base;

    private Map<?, ?> key(String role, List<String> units) {
        Map<String, Object> body = new HashMap<>();
        body.put("role", role);
        body.put("units", units);
        return Api.manager(base)
                .body(body)
                .post("/createApiKey")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
    }

    private String start(String key, String unit, int headcount, LocalDate closesOn) {
        return Api.withKey(base, key)
                .body(Map.of("unitId", unit, "headcount", headcount, "closesOn", closesOn.toString()))
                .post("/startPulseCampaign")
                .then()
                .statusCode(200)
                .extract()
                .path("campaignId");
    }

    private static void refused(ValidatableResponse response, int status, String code) {
        response.statusCode(status).body("error.code", equalTo(code)).body("error.retryable", equalTo(false));
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void hrSeesWhoIssuedEveryCredentialOfItsUnitsCampaigns() {
        Map<?, ?> hr = key("hr", List.of(STORE));
        String hrKey = (String) hr.get("apiKey");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String campaign = start(hrKey, STORE, 12, today.plusDays(10));
        Invitations.pulse(base, hrKey, Map.of("unitId", STORE, "kind", "pulse", "campaignId", campaign), 5);
        Api.manager(base)
                .body(Map.of("unitId", STORE, "kind", "pulse", "campaignId", campaign))
                .post("/issueUnitCode")
                .then()
                .statusCode(200);

        List<Map<String, Object>> items = Api.withKey(base, hrKey)
                .queryParam("unitId", STORE)
                .get("/listCampaigns")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        Map<String, Object> listed = items.stream()
                .filter(c -> campaign.equals(c.get("campaignId")))
                .findFirst()
                .orElseThrow();
        assertThat(listed)
                .containsEntry("unitId", STORE)
                .containsEntry("headcount", 12)
                .containsEntry("closesOn", today.plusDays(10).toString())
                .containsEntry("createdBy", hr.get("keyId"))
                .containsEntry("issued", 6)
                .doesNotContainKey("accepted");
        List<Map<String, Object>> issuings = (List<Map<String, Object>>) listed.get("issuings");
        // two issuings in the same second are listed in either order
        assertThat(issuings)
                .extracting(i -> i.get("kind") + ":" + i.get("count") + ":" + i.get("issuedBy"))
                .containsExactlyInAnyOrder("invitations:5:" + hr.get("keyId"), "code:1:local-admin");

        // closingFrom leaves out campaigns that closed before it
        Api.withKey(base, hrKey)
                .queryParam("unitId", STORE)
                .queryParam("closingFrom", today.plusDays(11).toString())
                .get("/listCampaigns")
                .then()
                .statusCode(200)
                .body("items.findAll { it.campaignId == '" + campaign + "' }.size()", equalTo(0));
    }

    @Test
    void anHrKeyOfOneStoreCannotLearnAnotherStoresCampaigns() {
        String hrKey = (String) key("hr", List.of(STORE)).get("apiKey");
        start(Api.KEY, OTHER_STORE, 8, LocalDate.now(ZoneOffset.UTC).plusDays(5));
        ValidatableResponse other = Api.withKey(base, hrKey)
                .queryParam("unitId", OTHER_STORE)
                .get("/listCampaigns")
                .then();
        ValidatableResponse none = Api.withKey(base, hrKey)
                .queryParam("unitId", "no-such-store")
                .get("/listCampaigns")
                .then();
        refused(other, 404, "unknown_unit");
        refused(none, 404, "unknown_unit");
        // the same answer, so nothing says the other store exists
        assertThat(other.extract().path("error.field").toString())
                .isEqualTo(none.extract().path("error.field").toString());
    }

    @Test
    void aViewerCannotSeeWhoIssuedPulseCredentials() {
        String viewer = (String) key("viewer", List.of(STORE)).get("apiKey");
        refused(
                Api.withKey(base, viewer)
                        .queryParam("unitId", STORE)
                        .get("/listCampaigns")
                        .then(),
                403,
                "forbidden");
        Api.manager(base)
                .queryParam("unitId", STORE)
                .queryParam("closingFrom", "soon")
                .get("/listCampaigns")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("closingFrom"));
        Api.manager(base)
                .get("/listCampaigns")
                .then()
                .statusCode(400)
                .body("error.code", equalTo("missing_field"))
                .body("error.field", equalTo("unitId"));
    }
}
