package app.symmetry.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * {@code aggregateSnapshots} through the Lambda binding on the real clock, with answers sent through
 * {@code submitFeedback} and figures read through {@code getSnapshot} (each its own Lambda: see
 * {@link OtherFunctions}): a run counts the answers received since the last once, a run or a recompute
 * after it counts them no more, a retried scheduled event gets its first report, a bad range writes
 * nothing. Runs against the packaged function too (AggregateSnapshotsIT); the clock-driven cases are
 * AggregationFlowTest's.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.AggregateSnapshots.class)
class AggregateSnapshotsTest {

    /** A unit no other Lambda-binding test answers for. */
    private static final String UNIT = "grenoble-victor-hugo";

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TestHTTPResource("/")
    URL base;

    final Tokens tokens = Tokens.fromTestConfig();

    private void answers(int count) {
        String code = tokens.code(Audience.CUSTOMER, UNIT);
        for (int i = 0; i < count; i++) {
            OtherFunctions.call(base, "submitFeedback", Answers.feedback(code))
                    .statusCode(200)
                    .body("status", equalTo("accepted"));
        }
    }

    private long customersToday() {
        Number n = OtherFunctions.call(
                        base,
                        "getSnapshot",
                        Map.of("scope", "unit", "id", UNIT, "period", "DAY:" + LocalDate.now(PARIS)))
                .statusCode(200)
                .extract()
                .path("customer.n");
        return n.longValue();
    }

    private static Map<String, Object> run(Map<String, ?> event) {
        return LambdaClient.invoke(event).statusCode(200).extract().as(Map.class);
    }

    @Test
    void aRunCountsTheAnswersSinceTheLastOnceAndARecomputeChangesNothing() {
        answers(1);
        run(Map.of());
        long before = customersToday();

        answers(3);
        Map<String, Object> report = run(Map.of());
        assertThat(((Number) report.get("answersRead")).intValue()).isGreaterThanOrEqualTo(3);
        assertThat(report).containsEntry("replay", false);
        assertThat(customersToday()).isEqualTo(before + 3);

        run(Map.of());
        assertThat(customersToday()).as("a second run counts nothing twice").isEqualTo(before + 3);
        String today = LocalDate.now(PARIS).toString();
        run(Map.of("from", today, "to", today));
        assertThat(customersToday()).as("a recompute reads the day whole").isEqualTo(before + 3);
    }

    @Test
    void aRetriedScheduledEventGetsItsFirstReport() {
        Map<String, Object> event = scheduledEvent(Instant.now().truncatedTo(ChronoUnit.MINUTES));
        Map<String, Object> first = run(event);
        assertThat(first).containsEntry("replay", false);
        Map<String, Object> replayed = new HashMap<>(first);
        replayed.put("replay", true);
        assertThat(run(event)).isEqualTo(replayed);
    }

    @Test
    void aBadRangeIsRefused() {
        assertThat(LambdaClient.functionError(Map.of("from", "2026-13-01", "to", "2026-13-02")))
                .contains("\"field\":\"from\"");
        assertThat(LambdaClient.functionError(Map.of("from", "2026-10-02", "to", "2026-10-01")))
                .contains("\"code\":\"invalid_field\"");
    }

    /** EventBridge's scheduled event, as the schedule in template.yaml sends it. */
    private static Map<String, Object> scheduledEvent(Instant time) {
        return Map.of(
                "version", "0",
                "id", UUID.randomUUID().toString(),
                "detail-type", "Scheduled Event",
                "source", "aws.events",
                "account", "123456789012",
                "time", time.toString(),
                "region", "eu-west-3",
                "resources", List.of("arn:aws:events:eu-west-3:123456789012:rule/aggregate"),
                "detail", Map.of());
    }
}
