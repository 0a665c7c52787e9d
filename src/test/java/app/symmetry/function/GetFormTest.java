package app.symmetry.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import app.symmetry.testing.Campaigns;
import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.Tokens;
import app.symmetry.token.Audience;

/**
 * {@code getForm} through the Lambda binding, with the query the gateway's template hands it: a form
 * described with its unit and the organisation's questionnaire (read from the artifact's resources);
 * forged, expired and padded requests refused. Runs against the packaged function too (GetFormIT).
 */
@QuarkusTest
@TestProfile(FunctionProfiles.GetForm.class)
class GetFormTest {

    final Tokens tokens = Tokens.fromTestConfig();

    @Test
    void aPulseLinksFormNamesItsUnitAndTheQuestionnaire() {
        String link = tokens.pulseLink(
                "bruxelles-louise",
                Campaigns.stored("bruxelles-louise"),
                Instant.now().plus(Duration.ofDays(7)));
        LambdaClient.invoke(Map.of("token", link))
                .statusCode(200)
                .body("kind", equalTo("pulse"))
                .body("unit.id", equalTo("bruxelles-louise"))
                .body("unit.name", equalTo("Bruxelles Louise"))
                .body("singleUse", equalTo(true))
                .body(
                        "questionnaire.dimensions.id",
                        equalTo(List.of("listening", "ownership", "information", "recognition", "cooperation")))
                .body("questionnaire.dimensions[0].employee.fr", equalTo("Je me sens écouté(e) par mon responsable"));
    }

    @Test
    void aCustomerCodesFormNeverExpires() {
        LambdaClient.invoke(Map.of("token", tokens.code(Audience.CUSTOMER, "paris-opera")))
                .statusCode(200)
                .body("kind", equalTo("customer"))
                .body("singleUse", equalTo(false))
                .body("unit.name", equalTo("Paris Opéra"));
    }

    @Test
    void forgedExpiredAndPaddedRequestsAreRefused() {
        assertThat(LambdaClient.functionError(Map.of("token", "nonsense"))).contains("\"code\":\"invalid_token\"");
        String expired =
                tokens.link(Audience.CUSTOMER, "paris-opera", Instant.now().minus(Duration.ofDays(1)));
        assertThat(LambdaClient.functionError(Map.of("token", expired))).contains("\"code\":\"link_expired\"");
        String link =
                tokens.link(Audience.CUSTOMER, "paris-opera", Instant.now().plus(Duration.ofDays(1)));
        assertThat(LambdaClient.functionError(Map.of("token", link, "extra", "1")))
                .contains("\"code\":\"unknown_field\"");
    }
}
