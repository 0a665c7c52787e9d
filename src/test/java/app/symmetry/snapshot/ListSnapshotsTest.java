package app.symmetry.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * {@code listSnapshots} through the Lambda binding: a unit's history page by page through its cursor,
 * every unit of one period, a forged cursor refused. Answers and the run go through their own
 * functions ({@link OtherFunctions}). Runs against the packaged function too (ListSnapshotsIT).
 */
@QuarkusTest
@TestProfile(FunctionProfiles.ListSnapshots.class)
class ListSnapshotsTest {

    private static final String UNIT = "lyon-croix-rousse";

    @TestHTTPResource("/")
    URL base;

    final Tokens tokens = Tokens.fromTestConfig();

    String today;

    @BeforeEach
    void publishToday() {
        OtherFunctions.call(base, "submitFeedback", Answers.feedback(tokens.code(Audience.CUSTOMER, UNIT)))
                .statusCode(200);
        OtherFunctions.call(base, "aggregateSnapshots", Map.of()).statusCode(200);
        today = "DAY:" + LocalDate.now(ZoneId.of("Europe/Paris"));
    }

    @Test
    void aUnitsHistoryIsListedPageByPageThroughItsCursor() {
        List<Object> periods = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("scope", "unit", "id", UNIT, "periodType", "DAY"));
            query.put("limit", "1");
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            Map<String, Object> page =
                    LambdaClient.invoke(query).statusCode(200).extract().as(Map.class);
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            assertThat(items).hasSizeLessThanOrEqualTo(1);
            items.forEach(s -> periods.add(s.get("period")));
            cursor = (String) page.get("cursor");
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(periods).contains(today).doesNotHaveDuplicates();
    }

    @Test
    void everyUnitOfOnePeriodIsListed() {
        List<String> ids = LambdaClient.invoke(Map.of("scope", "units", "period", today, "limit", "50"))
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(ids).contains(UNIT);
    }

    @Test
    void aForgedCursorOrAMixedQueryIsRefused() {
        assertThat(LambdaClient.functionError(Map.of("scope", "unit", "id", UNIT, "cursor", "Zm9v")))
                .contains("\"field\":\"cursor\"");
        assertThat(LambdaClient.functionError(Map.of("scope", "units", "id", UNIT, "period", today)))
                .contains("\"code\":\"invalid_field\"");
    }
}
