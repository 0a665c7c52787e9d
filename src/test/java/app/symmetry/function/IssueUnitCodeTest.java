package app.symmetry.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.storage.StoredCampaigns;
import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.TableItems;
import app.symmetry.testing.Tokens;
import app.symmetry.token.Audience;
import app.symmetry.token.TokenClaims;

/**
 * {@code issueUnitCode} through the Lambda binding, invoked directly (the IAM path: an operator): the
 * code is signed for its unit with the deployment's keys, a pulse code ends with its campaign, which
 * records the issuing; refusals write nothing. Runs against the packaged function too (IssueUnitCodeIT).
 */
@QuarkusTest
@TestProfile(FunctionProfiles.IssueUnitCode.class)
class IssueUnitCodeTest {

    final TableItems table = TableItems.direct();

    final Tokens tokens = Tokens.fromTestConfig();

    @Test
    void aCustomerCodeIsSignedForItsUnitAndLivesOnItsPosterUntilRevoked() {
        Map<String, Object> code = LambdaClient.invoke(Map.of("unitId", "paris-opera", "kind", "customer"))
                .statusCode(200)
                .body("url", startsWith("https://feedback.example.test/form/#t="))
                .body("qrSvg", startsWith("<svg"))
                .body("expiresAt", nullValue())
                .extract()
                .as(Map.class);
        String token = (String) code.get("token");
        assertThat((String) code.get("url")).endsWith(token);
        TokenClaims claims = tokens.verify(token);
        assertThat(claims.unitId()).isEqualTo("paris-opera");
        assertThat(claims.audience()).isEqualTo(Audience.CUSTOMER);
        assertThat(claims.singleUse()).isFalse();
        assertThat(claims.expiresAt()).isEmpty();
    }

    @Test
    void aPulseCodeEndsWithItsCampaignWhichRecordsTheIssuing() {
        LocalDate closesOn = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        String campaign = StoredCampaigns.open("bruxelles-louise", 40, closesOn);
        String token = LambdaClient.invoke(
                        Map.of("unitId", "bruxelles-louise", "kind", "pulse", "campaignId", campaign))
                .statusCode(200)
                .extract()
                .path("token");
        TokenClaims claims = tokens.verify(token);
        assertThat(claims.audience()).isEqualTo(Audience.PULSE);
        assertThat(claims.id()).startsWith(campaign + "~");
        assertThat(claims.expiresAt())
                .contains(closesOn.plusDays(1)
                        .atStartOfDay(ZoneId.of("Europe/Brussels"))
                        .toInstant());
        Map<String, AttributeValue> stored = table.withKeyPrefix("CAMPAIGN#" + campaign).stream()
                .filter(i -> i.containsKey("headcount"))
                .findFirst()
                .orElseThrow();
        assertThat(stored.get("issued").n()).isEqualTo("1");
    }

    @Test
    void anUnknownUnitKindOrCampaignIsRefusedAndWritesNothing() {
        int before = table.count();
        assertThat(LambdaClient.functionError(Map.of("unitId", "atlantis", "kind", "customer")))
                .contains("\"code\":\"unknown_unit\"")
                .contains("\"field\":\"unitId\"");
        assertThat(LambdaClient.functionError(Map.of("unitId", "paris-opera", "kind", "visitor")))
                .contains("\"field\":\"kind\"");
        String otherUnits = StoredCampaigns.open(
                "lyon-part-dieu", 40, LocalDate.now(ZoneOffset.UTC).plusDays(10));
        assertThat(LambdaClient.functionError(
                        Map.of("unitId", "paris-opera", "kind", "pulse", "campaignId", otherUnits)))
                .contains("\"code\":\"not_found\"")
                .contains("\"field\":\"campaignId\"");
        assertThat(table.count())
                .as("only the other unit's campaign was written")
                .isEqualTo(before + 1);
    }
}
