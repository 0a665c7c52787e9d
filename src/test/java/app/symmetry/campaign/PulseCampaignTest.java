package app.symmetry.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.aggregation.Aggregator;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.Invitations;
import app.symmetry.testing.ReliabilityCounters;
import app.symmetry.testing.TableItems;
import app.symmetry.testing.Tokens;
import app.symmetry.token.Audience;

/**
 * Pulse answers cannot be manufactured to reach k: only HR (or an admin) issues pulse credentials,
 * every credential belongs to a campaign, and a campaign never accepts more answers than its unit
 * has employees, whoever holds how many credentials.
 */
@QuarkusTest
class PulseCampaignTest {

    static final String UNIT = "grenoble-victor-hugo";
    static final LocalDate CLOSES = LocalDate.now(ZoneOffset.UTC).plusDays(20);

    @TestHTTPResource("/")
    URL base;

    @Inject
    TableItems table;

    @Inject
    Tokens tokens;

    @Inject
    Aggregator aggregator;

    private String key(String role, List<String> units) {
        Map<String, Object> body = new HashMap<>(Map.of("role", role));
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

    private String campaign(String hrKey, int headcount) {
        return Api.withKey(base, hrKey)
                .body(Map.of("unitId", UNIT, "headcount", headcount, "closesOn", CLOSES.toString()))
                .post("/startPulseCampaign")
                .then()
                .statusCode(200)
                .body("headcount", equalTo(headcount))
                .extract()
                .path("campaignId");
    }

    /** Pulse links as the employees get them: e-mailed by HR, read from the mailbox. */
    private List<String> links(String key, String campaignId, int count) {
        return Invitations.pulse(base, key, Map.of("unitId", UNIT, "kind", "pulse", "campaignId", campaignId), count)
                .tokens();
    }

    private static ValidatableResponse answer(String token) {
        return Api.anonymous(BASE.get())
                .header("User-Agent", "phone-" + UUID.randomUUID())
                .body(Answers.pulse(token))
                .post("/submitPulse")
                .then();
    }

    /** The test server, for answers sent from the pool's threads too. */
    private static final AtomicReference<URL> BASE = new AtomicReference<>();

    private long accepted(String campaignId) {
        return Long.parseLong(table.withKeyPrefix("CAMPAIGN#" + campaignId).stream()
                .filter(i -> i.get(SymmetryTable.SK).s().equals("-"))
                .findFirst()
                .orElseThrow()
                .get("accepted")
                .n());
    }

    private int employeeAnswers() {
        return table.withKeyPrefix("ANSWER#E#" + UNIT).size();
    }

    private static void refused(ValidatableResponse response, int status, String code) {
        response.statusCode(status).body("error.code", equalTo(code));
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    @Test
    void aManagerWhoMintsFourPulseLinksToReachKIsRefused() {
        BASE.set(base);
        String hr = key("hr", List.of());
        String manager = key("viewer", List.of(UNIT));
        String campaignId = campaign(hr, 3);
        // The store has three employees; all three answer.
        for (String link : links(hr, campaignId, 3)) {
            answer(link).statusCode(200).body("status", equalTo("accepted"));
        }
        int before = table.count();
        // The manager, wanting the group to reach k = 5, tries to mint links and a code of their own:
        refused(
                Api.withKey(base, manager)
                        .body(Map.of("unitId", UNIT, "kind", "pulse", "campaignId", campaignId, "count", 4))
                        .post("/issueLinks")
                        .then(),
                403,
                "forbidden");
        refused(
                Api.withKey(base, manager)
                        .body(Map.of("unitId", UNIT, "kind", "pulse", "campaignId", campaignId))
                        .post("/issueUnitCode")
                        .then(),
                403,
                "forbidden");
        refused(
                Api.withKey(base, manager)
                        .body(Map.of("unitId", UNIT, "headcount", 10, "closesOn", CLOSES.toString()))
                        .post("/startPulseCampaign")
                        .then(),
                403,
                "forbidden");
        assertThat(table.count()).as("nothing written").isEqualTo(before);

        // Even with HR's credentials (a manager who also holds hr, or HR persuaded to mint four more),
        // the campaign takes no more answers than the unit has employees.
        for (String extra : links(hr, campaignId, 4)) {
            int beforeAnswer = table.count();
            refused(answer(extra), 409, "campaign_full");
            assertThat(table.count()).as("nothing written").isEqualTo(beforeAnswer);
        }
        assertThat(accepted(campaignId)).isEqualTo(3);
        assertThat(employeeAnswers()).isEqualTo(3);
    }

    @Test
    void aCampaignOverItsHeadcountIsFullAndNothingIsWritten() {
        BASE.set(base);
        String campaignId = Campaigns.open(base, UNIT, 2, CLOSES);
        String code = Api.manager(base)
                .body(Map.of("unitId", UNIT, "kind", "pulse", "campaignId", campaignId))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        Map<String, Object> first = Answers.pulse(code);
        Api.anonymous(base)
                .header("User-Agent", "a")
                .body(first)
                .post("/submitPulse")
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"));
        answer(code).statusCode(200).body("status", equalTo("accepted"));
        int before = table.count();
        refused(answer(code), 409, "campaign_full");
        // A retry of an accepted answer is still a duplicate, not a refusal: nothing acknowledged is lost.
        Api.anonymous(base)
                .header("User-Agent", "a")
                .body(first)
                .post("/submitPulse")
                .then()
                .statusCode(200)
                .body("status", equalTo("duplicate"));
        assertThat(table.count()).isEqualTo(before);
        assertThat(accepted(campaignId)).isEqualTo(2);
    }

    @Test
    void concurrentAnswersNeverPassTheHeadcount() throws Exception {
        BASE.set(base);
        String campaignId = Campaigns.open(base, UNIT, 5, CLOSES);
        List<String> links = links(Api.KEY, campaignId, 12);
        int answersBefore = employeeAnswers();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (String link : links) {
                Callable<Integer> call = () -> answer(link).extract().statusCode();
                results.add(pool.submit(call));
            }
            int ok = 0;
            int full = 0;
            for (Future<Integer> r : results) {
                int status = r.get();
                if (status == 200) {
                    ok++;
                } else if (status == 409) {
                    full++;
                }
            }
            assertThat(ok).isEqualTo(5);
            assertThat(full).isEqualTo(7);
            ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, full);
        } finally {
            pool.shutdownNow();
        }
        assertThat(accepted(campaignId)).isEqualTo(5);
        assertThat(employeeAnswers() - answersBefore).isEqualTo(5);
    }

    @Test
    void everyIssuingIsRecordedWithWhoWhenAndHowMany() {
        BASE.set(base);
        Map<String, Object> hrKey = Api.manager(base)
                .body(Map.of("role", "hr"))
                .post("/createApiKey")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        String campaignId = campaign((String) hrKey.get("apiKey"), 40);
        links((String) hrKey.get("apiKey"), campaignId, 7);
        Api.withKey(base, (String) hrKey.get("apiKey"))
                .body(Map.of("unitId", UNIT, "kind", "pulse", "campaignId", campaignId))
                .post("/issueUnitCode")
                .then()
                .statusCode(200);
        List<Map<String, AttributeValue>> records = table.withKeyPrefix("CAMPAIGN#" + campaignId).stream()
                .filter(i -> i.get(SymmetryTable.SK).s().startsWith("ISSUED#"))
                .toList();
        assertThat(records).hasSize(2);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("issuedBy").s()).isEqualTo(hrKey.get("keyId"));
            assertThat(r.get("issuedAt").s()).isNotBlank();
        });
        assertThat(records.stream()
                        .map(r -> r.get("kind").s() + ":" + r.get("count").n()))
                .containsExactlyInAnyOrder("invitations:7", "code:1");
        Map<String, AttributeValue> campaign = table.withKeyPrefix("CAMPAIGN#" + campaignId).stream()
                .filter(i -> i.get(SymmetryTable.SK).s().equals("-"))
                .findFirst()
                .orElseThrow();
        assertThat(campaign.get("issued").n()).isEqualTo("8");
        assertThat(campaign.get("createdBy").s()).isEqualTo(hrKey.get("keyId"));
    }

    @Test
    void pulseCredentialsBelongToAnOpenCampaignOfTheirUnit() {
        BASE.set(base);
        int before = table.count();
        refused(
                Api.manager(base)
                        .body(Map.of("unitId", UNIT, "kind", "pulse"))
                        .post("/issueUnitCode")
                        .then(),
                400,
                "missing_field");
        String elsewhere = Campaigns.open(base, "paris-opera", 10, CLOSES);
        int afterCampaign = table.count();
        refused(
                Api.manager(base)
                        .body(Map.of(
                                "unitId",
                                UNIT,
                                "kind",
                                "pulse",
                                "campaignId",
                                elsewhere,
                                "emails",
                                List.of("someone@example.test")))
                        .post("/sendInvitations")
                        .then(),
                404,
                "not_found");
        refused(
                Api.manager(base)
                        .body(Map.of("unitId", UNIT, "kind", "pulse", "campaignId", "AAAAAAAAAAAAAAAA"))
                        .post("/issueUnitCode")
                        .then(),
                404,
                "not_found");
        refused(
                Api.manager(base)
                        .body(Map.of("unitId", UNIT, "kind", "customer", "campaignId", elsewhere))
                        .post("/issueUnitCode")
                        .then(),
                400,
                "invalid_field");
        refused(
                Api.manager(base)
                        .body(Map.of("unitId", UNIT, "headcount", 0, "closesOn", CLOSES.toString()))
                        .post("/startPulseCampaign")
                        .then(),
                400,
                "invalid_field");
        refused(
                Api.manager(base)
                        .body(Map.of("unitId", UNIT, "headcount", 5, "closesOn", "2020-01-01"))
                        .post("/startPulseCampaign")
                        .then(),
                400,
                "invalid_field");
        assertThat(table.count()).isEqualTo(afterCampaign);
        assertThat(afterCampaign).isEqualTo(before + 1);

        // A pulse credential signed without a campaign (as before campaigns existed) is not accepted.
        refused(answer(tokens.code(Audience.PULSE, UNIT)), 403, "invalid_token");
        assertThat(table.count()).isEqualTo(afterCampaign);
    }

    @Test
    void aUnitSnapshotSaysHowManyCredentialsItsAnswersCouldHaveComeFrom() {
        BASE.set(base);
        String unit = "luxembourg-gare";
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Luxembourg"));
        String campaignId = Campaigns.open(base, unit, 30, today.plusDays(10));
        List<String> links = Invitations.pulse(
                        base, Api.KEY, Map.of("unitId", unit, "kind", "pulse", "campaignId", campaignId), 6)
                .tokens();
        String code = Api.manager(base)
                .body(Map.of("unitId", unit, "kind", "pulse", "campaignId", campaignId))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        answer(links.get(0)).statusCode(200);
        answer(code).statusCode(200);
        aggregator.recompute(today, today);
        String month = "MONTH:" + today.toString().substring(0, 7);
        // Six links and one shared code: the month's answers could have come from seven credentials.
        Api.manager(base)
                .queryParam("scope", "unit")
                .queryParam("id", unit)
                .queryParam("period", month)
                .get("/getSnapshot")
                .then()
                .statusCode(200)
                .body("employee.credentials", equalTo(7));
        Api.manager(base)
                .queryParam("scope", "unit")
                .queryParam("id", unit)
                .queryParam("periodType", "MONTH")
                .get("/listSnapshots")
                .then()
                .statusCode(200)
                .body("items.find { it.period == '" + month + "' }.employee.credentials", equalTo(7));
        // A month before the campaign began counts none of them.
        String before = "MONTH:" + today.minusMonths(2).toString().substring(0, 7);
        aggregator.recompute(today.minusMonths(2), today.minusMonths(2));
        Api.manager(base)
                .queryParam("scope", "unit")
                .queryParam("id", unit)
                .queryParam("period", before)
                .get("/getSnapshot")
                .then()
                .statusCode(200)
                .body("employee.credentials", equalTo(0));
    }

    @Test
    void anHrKeyStartsCampaignsOnlyWithinItsScope() {
        BASE.set(base);
        String hr = key("hr", List.of("paris-opera"));
        refused(
                Api.withKey(base, hr)
                        .body(Map.of("unitId", UNIT, "headcount", 5, "closesOn", CLOSES.toString()))
                        .post("/startPulseCampaign")
                        .then(),
                404,
                "unknown_unit");
        Api.withKey(base, hr)
                .body(Map.of("unitId", "paris-opera", "headcount", 5, "closesOn", CLOSES.toString()))
                .post("/startPulseCampaign")
                .then()
                .statusCode(200);
    }
}
