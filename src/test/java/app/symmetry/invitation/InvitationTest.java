package app.symmetry.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.Invitations;
import app.symmetry.testing.ReliabilityCounters;
import app.symmetry.testing.SesEmulator;
import app.symmetry.testing.SesEmulator.SentMail;
import app.symmetry.testing.TableItems;

/**
 * sendInvitations through the HTTP binding, the sender running in this process (the local queue), the
 * e-mails read from the SES emulator's mailbox: what a recipient gets, and what nobody else does.
 */
@QuarkusTest
class InvitationTest {

    private static final String UNIT = "lyon-part-dieu";

    @TestHTTPResource("/")
    URL base;

    @Inject
    TableItems table;

    private String key(String role) {
        return Api.manager(base)
                .body(Map.of("role", role, "label", role + " for invitations"))
                .post("/createApiKey")
                .then()
                .statusCode(200)
                .extract()
                .path("apiKey");
    }

    private String campaign() {
        return Campaigns.open(base, UNIT, 200, LocalDate.now(ZoneOffset.UTC).plusDays(60));
    }

    private static Map<String, Object> pulse(String campaignId, List<String> emails, Object... more) {
        Map<String, Object> body =
                new HashMap<>(Map.of("unitId", UNIT, "kind", "pulse", "campaignId", campaignId, "emails", emails));
        for (int i = 0; i + 1 < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private ValidatableResponse batch(String key, String batchId) {
        return Api.withKey(base, key)
                .queryParam("batchId", batchId)
                .get("/getInvitationBatch")
                .then();
    }

    private Map<String, Object> finished(String key, String batchId) {
        List<Map<String, Object>> report = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Map<String, Object> r =
                            batch(key, batchId).statusCode(200).extract().as(Map.class);
                    report.clear();
                    report.add(r);
                    return ((Number) r.get("pending")).intValue() == 0;
                });
        return report.get(0);
    }

    @Test
    void anHrManagerWhoWantsToSeeThePulseTokensSheSends() {
        String hr = key("hr");
        String campaignId = campaign();
        List<String> employees = Invitations.freshAddresses(3);

        String answer = Api.withKey(base, hr)
                .body(pulse(campaignId, employees, "language", "fr"))
                .post("/sendInvitations")
                .then()
                .statusCode(200)
                .body("queued", equalTo(3))
                .body("kind", equalTo("pulse"))
                .extract()
                .asString();
        String batchId = JsonPath.from(answer).getString("batchId");

        List<SentMail> mails = Invitations.awaitMail(employees);
        List<String> tokens = mails.stream().map(Invitations::token).toList();
        assertThat(tokens).doesNotHaveDuplicates().hasSize(3);
        String report = batch(hr, batchId).statusCode(200).extract().asString();
        assertThat(finished(hr, batchId)).containsEntry("sent", 3).containsEntry("failed", 0);

        // not in what she was answered, not in the batch she reads, not anywhere in the table
        List<String> tableText = table.all().stream().map(Map::toString).toList();
        for (String token : tokens) {
            assertThat(answer).doesNotContain(token);
            assertThat(report).doesNotContain(token);
            assertThat(tableText).noneMatch(item -> item.contains(token));
        }
        assertThat(answer).doesNotContain("#t=").doesNotContain("token");
        // the system stores no address either: only a masked one in the batch, a keyed hash for the campaign
        for (String address : employees) {
            assertThat(tableText).noneMatch(item -> item.toLowerCase().contains(address));
            assertThat(report).doesNotContain(address);
        }
        // the act is on record: who, for which unit, how many (not to whom)
        String log = auditLog();
        assertThat(log).contains("invitations by e-mail, pulse, campaign " + campaignId + ", batch " + batchId);
        for (String address : employees) {
            assertThat(log).doesNotContain(address);
        }
        // and pulse links are no longer handed out as a list
        Api.withKey(base, hr)
                .body(Map.of("unitId", UNIT, "kind", "pulse", "campaignId", campaignId, "count", 3))
                .post("/issueLinks")
                .then()
                .statusCode(400)
                .body("error.code", equalTo("invalid_field"))
                .body("error.field", equalTo("kind"))
                .body("error.message", containsString("sendInvitations"));

        // each employee answers once through their own link
        for (String token : tokens) {
            pulseAnswer(token).statusCode(200).body("status", equalTo("accepted"));
        }
        pulseAnswer(tokens.get(0)).statusCode(410).body("error.code", equalTo("link_spent"));
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    @Test
    void eachEmailHasItsLinkInPlainTextAndHtmlInTheLanguageAsked() {
        String campaignId = campaign();
        List<String> two = Invitations.freshAddresses(2);
        Invitations.send(base, Api.KEY, pulse(campaignId, List.of(two.get(0)), "language", "fr"));
        Invitations.send(base, Api.KEY, pulse(campaignId, List.of(two.get(1)), "language", "en"));
        List<SentMail> mails = Invitations.awaitMail(two);

        SentMail fr = mails.get(0);
        assertThat(fr.from()).isEqualTo("symmetry@feedback.example.test");
        assertThat(fr.subject()).startsWith("Baromètre anonyme").contains("Lyon");
        assertThat(fr.text()).contains("anonymes").contains(Invitations.link(fr));
        assertThat(fr.html()).contains("lang=\"fr\"").contains("href=\"" + Invitations.link(fr) + "\"");
        SentMail en = mails.get(1);
        assertThat(en.subject()).startsWith("Your team");
        assertThat(en.text()).contains("anonymous").contains(Invitations.link(en));
        assertThat(en.html()).contains("lang=\"en\"").contains("href=\"" + Invitations.link(en) + "\"");
        assertThat(Invitations.link(fr)).startsWith("https://feedback.example.test/form/#t=");

        Api.anonymous(base)
                .body(Map.of("token", Invitations.token(en)))
                .post("/getForm")
                .then()
                .statusCode(200)
                .body("kind", equalTo("pulse"))
                .body("singleUse", equalTo(true))
                .body("unit.id", equalTo(UNIT));
    }

    @Test
    void theSameAddressInvitedTwice() {
        String campaignId = campaign();
        String someone = Invitations.freshAddresses(1).get(0);
        List<String> others = Invitations.freshAddresses(2);
        String first = Invitations.send(base, Api.KEY, pulse(campaignId, List.of(someone)));
        Invitations.awaitMail(List.of(someone));
        // again, written differently, among new addresses
        String second = Invitations.send(
                base, Api.KEY, pulse(campaignId, List.of(others.get(0), someone.toUpperCase(), others.get(1))));
        Invitations.awaitMail(others);

        assertThat(finished(Api.KEY, first)).containsEntry("sent", 1);
        Map<String, Object> again = finished(Api.KEY, second);
        assertThat(again).containsEntry("sent", 2).containsEntry("skipped", 1);
        assertThat((List<Map<String, Object>>) again.get("notSent"))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n).containsEntry("index", 1).containsEntry("reason", "already_invited");
                    assertThat(n).containsEntry("state", "skipped");
                    assertThat((String) n.get("address")).startsWith("P…@").doesNotContain(someone.substring(1, 8));
                });
        assertThat(SesEmulator.ofApplication().mailTo(someone)).hasSize(1);

        // another campaign is another invitation
        Invitations.send(base, Api.KEY, pulse(campaign(), List.of(someone)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> SesEmulator.ofApplication().mailTo(someone).size() == 2);
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    /** HR pasted last year's list: the batch is withdrawn whole, and only its links stop working. */
    @Test
    void anInvitationBatchSentToTheWrongListIsWithdrawnWhole() {
        String campaignId = campaign();
        List<String> wrongList = Invitations.freshAddresses(2);
        List<String> team = Invitations.freshAddresses(1);
        String astray = Invitations.send(base, Api.KEY, pulse(campaignId, wrongList));
        Invitations.send(base, Api.KEY, pulse(campaignId, team));
        List<SentMail> strays = Invitations.awaitMail(wrongList);
        SentMail kept = Invitations.awaitMail(team).get(0);

        Api.manager(base)
                .body(Map.of("batchId", astray))
                .post("/revokeLinkBatch")
                .then()
                .statusCode(200)
                .body("batchId", equalTo(astray));
        for (SentMail stray : strays) {
            pulseAnswer(Invitations.token(stray)).statusCode(410).body("error.code", equalTo("token_revoked"));
        }
        pulseAnswer(Invitations.token(kept)).statusCode(200).body("status", equalTo("accepted"));
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    @Test
    void badAddressesAndUnknownUnitsAreRefusedAndNothingIsWrittenOrSent() {
        String campaignId = campaign();
        String hr = key("hr");
        String viewer = key("viewer");
        int before = table.count();
        List<String> good = Invitations.freshAddresses(2);
        refused(pulse(campaignId, List.of(good.get(0), "not-an-address")), 400, "invalid_field", "emails[1]");
        refused(pulse(campaignId, List.of(good.get(0), "x@y")), 400, "invalid_field", "emails[1]");
        refused(
                pulse(
                        campaignId,
                        List.of(good.get(0), good.get(1), " " + good.get(0).toUpperCase())),
                400,
                "invalid_field",
                "emails[2]");
        refused(pulse(campaignId, List.of()), 400, "invalid_field", "emails");
        refused(pulse(campaignId, Invitations.freshAddresses(1001)), 400, "too_large", "emails");
        Map<String, Object> elsewhere = pulse(campaignId, good);
        elsewhere.put("unitId", "atlantis");
        refused(elsewhere, 404, "unknown_unit", "unitId");
        Map<String, Object> noCampaign = pulse(campaignId, good);
        noCampaign.remove("campaignId");
        refused(noCampaign, 400, "missing_field", "campaignId");
        refused(pulse(campaignId, good, "language", "de"), 400, "invalid_field", "language");
        refused(pulse(campaignId, good, "cc", "boss@example.test"), 400, "unknown_field", "cc");

        // roles: pulse invitations are HR's (or an admin's), customer ones an admin's
        Api.withKey(base, viewer)
                .body(pulse(campaignId, good))
                .post("/sendInvitations")
                .then()
                .statusCode(403);
        Map<String, Object> customers = new HashMap<>(Map.of("unitId", UNIT, "kind", "customer", "emails", good));
        Api.withKey(base, hr).body(customers).post("/sendInvitations").then().statusCode(403);
        Api.anonymous(base).body(customers).post("/sendInvitations").then().statusCode(401);
        // the sender is the queue's, never a client's
        Api.manager(base)
                .body(Map.of("batchId", "x", "recipients", List.of()))
                .post("/deliverInvitations")
                .then()
                .statusCode(404);

        assertThat(table.count()).isEqualTo(before);
        for (String a : good) {
            assertThat(SesEmulator.ofApplication().mailTo(a)).isEmpty();
        }
    }

    @Test
    void aBatchIsReadByWhoMaySendIt() {
        List<String> customers = Invitations.freshAddresses(1);
        String batchId =
                Invitations.send(base, Api.KEY, Map.of("unitId", UNIT, "kind", "customer", "emails", customers));
        Invitations.awaitMail(customers);
        assertThat(finished(Api.KEY, batchId)).containsEntry("kind", "customer").containsEntry("sent", 1);
        batch(key("hr"), batchId).statusCode(403);
        batch(key("viewer"), batchId).statusCode(403);
        batch(Api.KEY, "AAAAAAAAAAAAAAAAAAAAAA").statusCode(404).body("error.field", equalTo("batchId"));
        String mail =
                SesEmulator.ofApplication().mailTo(customers.get(0)).get(0).subject();
        assertThat(mail).startsWith("Votre avis sur").contains("Lyon");
    }

    /** The whole audit log of this month, as text. */
    private String auditLog() {
        StringBuilder all = new StringBuilder();
        String cursor = null;
        do {
            var request = Api.manager(base).queryParam("limit", "50");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/listAuditLog").then().statusCode(200).extract();
            all.append(page.asString());
            cursor = page.path("cursor");
        } while (cursor != null);
        return all.toString();
    }

    private void refused(Map<String, Object> body, int status, String code, String field) {
        Api.manager(base)
                .body(body)
                .post("/sendInvitations")
                .then()
                .statusCode(status)
                .body("error.code", equalTo(code))
                .body("error.field", equalTo(field))
                .body("error.message", not(containsString("@")));
    }

    private ValidatableResponse pulseAnswer(String token) {
        return Api.anonymous(base)
                .header("User-Agent", "phone-" + UUID.randomUUID())
                .body(Answers.pulse(token))
                .post("/submitPulse")
                .then();
    }
}
