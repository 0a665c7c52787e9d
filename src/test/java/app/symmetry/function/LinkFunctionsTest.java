package app.symmetry.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.Invitations;
import app.symmetry.testing.ReliabilityCounters;

/** Codes, links and forms, as a manager and a customer's phone use them. */
@QuarkusTest
class LinkFunctionsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theDemoOrganisationListsItsUnits() {
        Api.manager(base)
                .get("/listUnits")
                .then()
                .statusCode(200)
                .body("organisation.id", equalTo("demo"))
                .body("items", hasSize(13))
                .body("items.find { it.id == 'paris-opera' }.timeZone", equalTo("Europe/Paris"))
                .body("items.find { it.id == 'paris-opera' }.smoke", equalTo(false))
                .body("items.findAll { it.smoke }.id", equalTo(List.of("smoke-test")))
                .body("items.findAll { !it.smoke }.region.unique().size()", equalTo(3));
    }

    @Test
    void aUnitCodeComesWithItsFormAddressAndAQrCode() {
        Map<String, Object> code = Api.manager(base)
                .body(Map.of("unitId", "paris-opera", "kind", "customer"))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .body("url", startsWith("https://feedback.example.test/form/#t="))
                .body("qrSvg", startsWith("<svg"))
                .body("expiresAt", nullValue())
                .extract()
                .as(Map.class);
        assertThat((String) code.get("url")).endsWith((String) code.get("token"));
        assertThat((String) code.get("token"))
                .matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")
                .hasSizeLessThan(120);

        String pulseExpiry = Api.manager(base)
                .body(Campaigns.credential(base, "paris-opera", "pulse"))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("expiresAt");
        assertThat(Duration.between(Instant.now(), Instant.parse(pulseExpiry)).toDays())
                .isBetween(30L, 31L);
    }

    @Test
    void linksAreIssuedInBatchesEachDifferent() {
        List<Map<String, String>> links = Api.manager(base)
                .body(Map.of("unitId", "lyon-part-dieu", "kind", "customer", "count", 50, "expiresInDays", 30))
                .post("/issueLinks")
                .then()
                .statusCode(200)
                .body("links", hasSize(50))
                .extract()
                .path("links");
        assertThat(links.stream().map(l -> l.get("token")).distinct()).hasSize(50);
        assertThat(Duration.between(Instant.now(), Instant.parse(links.get(0).get("expiresAt")))
                        .toDays())
                .isBetween(29L, 30L);
        Api.manager(base)
                .body(Map.of("unitId", "lyon-part-dieu", "kind", "customer", "count", 1001))
                .post("/issueLinks")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("count"));
        Api.manager(base)
                .body(Map.of("unitId", "lyon-part-dieu", "kind", "visitor"))
                .post("/issueLinks")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("kind"));
    }

    @Test
    void aFormIsDescribedBeforeItIsFilled() {
        String link = Invitations.pulse(base, Api.KEY, Campaigns.credential(base, "bruxelles-louise", "pulse"), 1)
                .tokens()
                .get(0);
        Api.anonymous(base)
                .body(Map.of("token", link))
                .post("/getForm")
                .then()
                .statusCode(200)
                .body("kind", equalTo("pulse"))
                .body("unit.name", equalTo("Bruxelles Louise"))
                .body("singleUse", equalTo(true))
                .body(
                        "questionnaire.dimensions.id",
                        equalTo(List.of("listening", "ownership", "information", "recognition", "cooperation")))
                .body("questionnaire.dimensions[0].employee.fr", equalTo("Je me sens écouté(e) par mon responsable"));
        Api.anonymous(base)
                .body(Map.of("token", "nonsense"))
                .post("/getForm")
                .then()
                .statusCode(403)
                .body("error.code", equalTo("invalid_token"));
        Api.anonymous(base)
                .body(Map.of("token", link, "extra", "1"))
                .post("/getForm")
                .then()
                .statusCode(400)
                .body("error.code", equalTo("unknown_field"));
    }

    /**
     * The manager who mailed a team's pulse links keeps the list, and polls getForm with each link to see who
     * has answered. A spent link's form is described exactly as a fresh one's; only an answer is refused.
     */
    @Test
    void aSpentLinkPollTellsNothingAboutWhoAnswered() {
        List<String> links = Invitations.pulse(
                        base, Api.KEY, Campaigns.credential(base, "bruxelles-louise", "pulse"), 2)
                .tokens();
        String answered = links.get(0);
        String untouched = links.get(1);
        Api.anonymous(base)
                .body(Answers.pulse(answered))
                .post("/submitPulse")
                .then()
                .statusCode(200);
        String spentForm = Api.anonymous(base)
                .body(Map.of("token", answered))
                .post("/getForm")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String freshForm = Api.anonymous(base)
                .body(Map.of("token", untouched))
                .post("/getForm")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(spentForm).isEqualTo(freshForm);
        // the refusal comes at submit, to whoever answers
        Api.anonymous(base)
                .body(Answers.pulse(answered))
                .post("/submitPulse")
                .then()
                .statusCode(410)
                .body("error.code", equalTo("link_spent"));
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    /**
     * A mailing list of invitation links leaks (forwarded, posted): whoever holds it could answer in the
     * names of a whole batch. The admin withdraws the batch issueLinks named; every link of it stops
     * opening its form and taking answers, at once, and no link of another batch does.
     */
    @Test
    void aLeakedBatchOfLinksStopsWorkingAfterRevokeLinkBatch() {
        Map<String, Object> leaked = Api.manager(base)
                .body(Map.of("unitId", "lyon-part-dieu", "kind", "customer", "count", 3))
                .post("/issueLinks")
                .then()
                .statusCode(200)
                .body("batchId", matchesPattern("[A-Za-z0-9_-]{16}"))
                .extract()
                .as(Map.class);
        String batchId = (String) leaked.get("batchId");
        @SuppressWarnings("unchecked")
        List<String> leakedLinks = ((List<Map<String, Object>>) leaked.get("links"))
                .stream().map(l -> (String) l.get("token")).toList();
        String otherBatch = Api.manager(base)
                .body(Map.of("unitId", "lyon-part-dieu", "kind", "customer"))
                .post("/issueLinks")
                .then()
                .statusCode(200)
                .extract()
                .path("links[0].token");
        // one of the leaked links was answered by its real recipient before the leak was noticed
        Api.anonymous(base)
                .body(Answers.feedback(leakedLinks.get(0)))
                .post("/submitFeedback")
                .then()
                .statusCode(200);

        // only an admin withdraws a batch
        String hr = Api.manager(base)
                .body(Map.of("role", "hr", "label", "hr"))
                .post("/createApiKey")
                .then()
                .statusCode(200)
                .extract()
                .path("apiKey");
        Api.withKey(base, hr)
                .body(Map.of("batchId", batchId))
                .post("/revokeLinkBatch")
                .then()
                .statusCode(403)
                .body("error.code", equalTo("forbidden"));
        Api.manager(base)
                .body(Map.of("batchId", batchId))
                .post("/revokeLinkBatch")
                .then()
                .statusCode(200)
                .body("batchId", equalTo(batchId))
                .body("revoked", equalTo(true));

        for (String link : leakedLinks.subList(1, 3)) {
            Api.anonymous(base)
                    .body(Map.of("token", link))
                    .post("/getForm")
                    .then()
                    .statusCode(410)
                    .body("error.code", equalTo("token_revoked"))
                    .body("error.field", equalTo("token"));
            Api.anonymous(base)
                    .body(Answers.feedback(link))
                    .post("/submitFeedback")
                    .then()
                    .statusCode(410)
                    .body("error.code", equalTo("token_revoked"));
        }
        Api.anonymous(base)
                .body(Map.of("token", otherBatch))
                .post("/getForm")
                .then()
                .statusCode(200);
        Api.anonymous(base)
                .body(Answers.feedback(otherBatch))
                .post("/submitFeedback")
                .then()
                .statusCode(200);

        // what is not a batch id is refused, nothing written
        for (Object bad : List.of("short", "AAAAAAAAAAAAAAA=", 42)) {
            Api.manager(base)
                    .body(Map.of("batchId", bad))
                    .post("/revokeLinkBatch")
                    .then()
                    .statusCode(400)
                    .body("error.code", equalTo("invalid_field"))
                    .body("error.field", equalTo("batchId"));
        }
        Api.manager(base)
                .body(Map.of("batchId", batchId, "unitId", "lyon-part-dieu"))
                .post("/revokeLinkBatch")
                .then()
                .statusCode(400)
                .body("error.code", equalTo("unknown_field"));
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    @Test
    void revokingNeedsAUnitCodeNotALink() {
        String link = Api.manager(base)
                .body(Map.of("unitId", "bruxelles-louise", "kind", "customer"))
                .post("/issueLinks")
                .then()
                .statusCode(200)
                .extract()
                .path("links[0].token");
        Api.manager(base)
                .body(Map.of("token", link))
                .post("/revokeUnitCode")
                .then()
                .statusCode(400)
                .body("error.code", equalTo("invalid_field"));
        Api.anonymous(base)
                .body(Map.of("token", link))
                .post("/revokeUnitCode")
                .then()
                .statusCode(401);
    }
}
