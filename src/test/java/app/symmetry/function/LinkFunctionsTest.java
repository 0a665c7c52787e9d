package app.symmetry.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
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
    void aFormIsDescribedBeforeItIsFilledAndASpentLinkSaysSo() {
        String link = Invitations.pulse(base, Api.KEY, Campaigns.credential(base, "bruxelles-louise", "pulse"), 1)
                .tokens()
                .get(0);
        Api.anonymous(base)
                .queryParam("token", link)
                .get("/getForm")
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
                .body(Answers.pulse(link))
                .post("/submitPulse")
                .then()
                .statusCode(200);
        Api.anonymous(base)
                .queryParam("token", link)
                .get("/getForm")
                .then()
                .statusCode(410)
                .body("error.code", equalTo("link_spent"));
        Api.anonymous(base)
                .queryParam("token", "nonsense")
                .get("/getForm")
                .then()
                .statusCode(403);
        Api.anonymous(base)
                .queryParam("token", link)
                .queryParam("extra", "1")
                .get("/getForm")
                .then()
                .statusCode(400)
                .body("error.code", equalTo("unknown_field"));
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
