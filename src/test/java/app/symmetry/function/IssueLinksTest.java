package app.symmetry.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import app.symmetry.storage.StoredCampaigns;
import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.TableItems;
import app.symmetry.testing.Tokens;
import app.symmetry.token.Audience;
import app.symmetry.token.TokenClaims;

/**
 * {@code issueLinks} through the Lambda binding, invoked directly: a batch of different single-use
 * links that expire when asked, pulse links refused (sendInvitations e-mails them), an oversized batch refused.
 * Runs against the packaged function too (IssueLinksIT).
 */
@QuarkusTest
@TestProfile(FunctionProfiles.IssueLinks.class)
class IssueLinksTest {

    final TableItems table = TableItems.direct();

    final Tokens tokens = Tokens.fromTestConfig();

    @Test
    void linksAreIssuedInBatchesEachDifferentSingleUseAndExpiring() {
        List<Map<String, String>> links = LambdaClient.invoke(
                        Map.of("unitId", "lyon-part-dieu", "kind", "customer", "count", 50, "expiresInDays", 30))
                .statusCode(200)
                .body("links", hasSize(50))
                .extract()
                .path("links");
        assertThat(links.stream().map(l -> l.get("token")).distinct()).hasSize(50);
        for (Map<String, String> link : links) {
            TokenClaims claims = tokens.verify(link.get("token"));
            assertThat(claims.singleUse()).isTrue();
            assertThat(claims.unitId()).isEqualTo("lyon-part-dieu");
            assertThat(claims.audience()).isEqualTo(Audience.CUSTOMER);
            assertThat(claims.expiresAt()).contains(Instant.parse(link.get("expiresAt")));
            assertThat(link.get("url")).isEqualTo("https://feedback.example.test/form/#t=" + link.get("token"));
        }
        assertThat(Duration.between(Instant.now(), Instant.parse(links.get(0).get("expiresAt")))
                        .toDays())
                .isBetween(29L, 30L);
    }

    @Test
    void pulseLinksAreNotHandedOutAsAListButSentByEmail() {
        String campaign = StoredCampaigns.open(
                "gent-korenmarkt", 40, LocalDate.now(ZoneOffset.UTC).plusDays(60));
        assertThat(LambdaClient.functionError(
                        Map.of("unitId", "gent-korenmarkt", "kind", "pulse", "campaignId", campaign, "count", 3)))
                .contains("\"field\":\"kind\"")
                .contains("sendInvitations");
        // none issued, none counted
        assertThat(table.withKeyPrefix("CAMPAIGN#" + campaign))
                .filteredOn(i -> i.containsKey("headcount"))
                .singleElement()
                .satisfies(c -> assertThat(c.get("issued").n()).isEqualTo("0"));
    }

    @Test
    void anOversizedBatchOrAnUnknownKindIsRefusedAndWritesNothing() {
        int before = table.count();
        assertThat(LambdaClient.functionError(Map.of("unitId", "lyon-part-dieu", "kind", "customer", "count", 1001)))
                .contains("\"field\":\"count\"");
        assertThat(LambdaClient.functionError(Map.of("unitId", "lyon-part-dieu", "kind", "visitor")))
                .contains("\"field\":\"kind\"");
        assertThat(table.count()).isEqualTo(before);
    }
}
