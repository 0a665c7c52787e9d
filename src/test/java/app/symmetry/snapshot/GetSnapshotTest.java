package app.symmetry.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import app.symmetry.testing.Answers;
import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.OtherFunctions;
import app.symmetry.testing.Tokens;
import app.symmetry.token.Audience;

/**
 * {@code getSnapshot} through the Lambda binding, with the query the gateway's template hands it: the
 * figures a run published for a unit's day and its region's, as the run computed them; a period never
 * published is not found, a malformed one names its field. Answers and the run go through their own
 * functions ({@link OtherFunctions}). Runs against the packaged function too (GetSnapshotIT).
 */
@QuarkusTest
@TestProfile(FunctionProfiles.GetSnapshot.class)
class GetSnapshotTest {

    private static final String UNIT = "lyon-croix-rousse";
    private static final String REGION = "auvergne-rhone-alpes";

    @TestHTTPResource("/")
    URL base;

    final Tokens tokens = Tokens.fromTestConfig();

    String today;

    @BeforeEach
    void publishToday() {
        String code = tokens.code(Audience.CUSTOMER, UNIT);
        for (int i = 0; i < 2; i++) {
            OtherFunctions.call(base, "submitFeedback", Answers.feedback(code)).statusCode(200);
        }
        OtherFunctions.call(base, "aggregateSnapshots", Map.of()).statusCode(200);
        today = "DAY:" + LocalDate.now(ZoneId.of("Europe/Paris"));
    }

    @Test
    void aUnitsAndItsRegionsDayAreReadAsPublished() {
        Map<String, Object> unit = LambdaClient.invoke(Map.of("scope", "unit", "id", UNIT, "period", today))
                .statusCode(200)
                .body("scope", equalTo("unit"))
                .body("id", equalTo(UNIT))
                .body("period", equalTo(today))
                .extract()
                .as(Map.class);
        assertThat(((Number) ((Map<?, ?>) unit.get("customer")).get("n")).longValue())
                .isGreaterThanOrEqualTo(2);
        Map<String, Object> region = LambdaClient.invoke(Map.of("scope", "region", "id", REGION, "period", today))
                .statusCode(200)
                .body("scope", equalTo("region"))
                .extract()
                .as(Map.class);
        assertThat(((Number) ((Map<?, ?>) region.get("customer")).get("n")).longValue())
                .as("the region counts at least its unit's answers")
                .isGreaterThanOrEqualTo(((Number) ((Map<?, ?>) unit.get("customer")).get("n")).longValue());
    }

    @Test
    void anUnpublishedPeriodIsNotFoundAndAMalformedOneNamesItsField() {
        assertThat(LambdaClient.functionError(Map.of("scope", "unit", "id", UNIT, "period", "MONTH:2020-01")))
                .contains("\"code\":\"not_found\"");
        assertThat(LambdaClient.functionError(Map.of("scope", "unit", "id", UNIT, "period", "2026-10")))
                .contains("\"field\":\"period\"");
        assertThat(LambdaClient.functionError(Map.of("scope", "unit", "id", "atlantis", "period", today)))
                .contains("\"code\":\"unknown_unit\"");
    }
}
