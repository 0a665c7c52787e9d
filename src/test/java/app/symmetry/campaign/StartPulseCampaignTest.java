package app.symmetry.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.TableItems;

/**
 * {@code startPulseCampaign} through the Lambda binding, invoked directly (the IAM path): the campaign
 * is stored with its headcount, closing day and starter, nothing issued or accepted yet; a closing day
 * in the past or an unknown unit is refused and writes nothing. Runs against the packaged function too
 * (StartPulseCampaignIT).
 */
@QuarkusTest
@TestProfile(FunctionProfiles.StartPulseCampaign.class)
class StartPulseCampaignTest {

    final TableItems table = TableItems.direct();

    @Test
    void aCampaignIsStoredWithItsHeadcountAndClosingDay() {
        String closesOn = LocalDate.now(ZoneOffset.UTC).plusDays(20).toString();
        String id = LambdaClient.invoke(Map.of("unitId", "paris-bastille", "headcount", 25, "closesOn", closesOn))
                .statusCode(200)
                .body("unitId", equalTo("paris-bastille"))
                .body("headcount", equalTo(25))
                .body("closesOn", equalTo(closesOn))
                .extract()
                .path("campaignId");
        Map<String, AttributeValue> stored = table.withKeyPrefix("CAMPAIGN#" + id).stream()
                .filter(i -> i.containsKey("headcount"))
                .findFirst()
                .orElseThrow();
        assertThat(stored.get("unitId").s()).isEqualTo("paris-bastille");
        assertThat(stored.get("headcount").n()).isEqualTo("25");
        assertThat(stored.get("closesOn").s()).isEqualTo(closesOn);
        assertThat(stored.get("createdBy").s()).as("the direct caller").isEqualTo("iam");
        assertThat(stored.get("issued").n()).isEqualTo("0");
        assertThat(stored.get("accepted").n()).isEqualTo("0");
    }

    @Test
    void aPastClosingDayOrAnUnknownUnitIsRefusedAndWritesNothing() {
        int before = table.count();
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
        assertThat(LambdaClient.functionError(
                        Map.of("unitId", "paris-bastille", "headcount", 25, "closesOn", yesterday)))
                .contains("\"field\":\"closesOn\"");
        String later = LocalDate.now(ZoneOffset.UTC).plusDays(20).toString();
        assertThat(LambdaClient.functionError(Map.of("unitId", "atlantis", "headcount", 25, "closesOn", later)))
                .contains("\"code\":\"unknown_unit\"");
        assertThat(table.count()).isEqualTo(before);
    }
}
