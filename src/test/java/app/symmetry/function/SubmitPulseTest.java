package app.symmetry.function;

import static app.symmetry.testing.Answers.pulse;
import static app.symmetry.testing.Answers.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.testing.Campaigns;
import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.ReliabilityCounters;
import app.symmetry.testing.TableItems;
import app.symmetry.testing.Tokens;
import app.symmetry.token.Audience;

/**
 * {@code submitPulse} through the Lambda binding, and what its stored items do not say: no time finer
 * than the day, no language, no address, no token, no id shared with another item.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.SubmitPulse.class)
class SubmitPulseTest {

    private static final Set<String> PULSE_ANSWER_ATTRIBUTES =
            Set.of("pk", "sk", "unitId", "day", "recommend", "ratings", "expiresAt");

    // Not injected: SubmitPulseIT runs these tests against the packaged function, in another process.
    final TableItems table = TableItems.direct();

    final Tokens tokens = Tokens.fromTestConfig();

    /** A pulse unit code of a new campaign, as issueUnitCode signs it (that function has its own Lambda and tests). */
    private String pulseCode(String unitId) {
        return tokens.pulseCode(unitId, Campaigns.stored(unitId), Instant.now().plus(Duration.ofDays(30)));
    }

    private List<Map<String, AttributeValue>> pulseAnswers(String unitId) {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Brussels"));
        return table.withKeyPrefix("ANSWER#E#" + unitId + "#" + today);
    }

    @Test
    void aPulseIsStoredWithItsDayAndContentOnly() {
        Map<String, Object> pulse = pulse(pulseCode("liege-guillemins"));
        String submissionId = (String) pulse.get("submissionId");
        LambdaClient.invoke(pulse)
                .statusCode(200)
                .body("status", equalTo("accepted"))
                .body("submissionId", equalTo(submissionId));

        List<Map<String, AttributeValue>> answers = pulseAnswers("liege-guillemins");
        assertThat(answers).hasSize(1);
        Map<String, AttributeValue> answer = answers.get(0);
        assertThat(PULSE_ANSWER_ATTRIBUTES).containsAll(answer.keySet());
        assertThat(answer.get("sk").s()).isNotEqualTo(submissionId);
        assertThat(answer.get("comment")).isNull();
        // the expiry is midnight UTC: even the TTL tells no time of day
        long expiry = Long.parseLong(answer.get("expiresAt").n());
        assertThat(Instant.ofEpochSecond(expiry)
                        .atOffset(ZoneOffset.UTC)
                        .toLocalTime()
                        .toSecondOfDay())
                .isZero();

        // the idempotency record knows the submission id and nothing else: not the unit, not the answer
        List<Map<String, AttributeValue>> records = table.withKeyPrefix("SUBMISSION#" + submissionId);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).keySet()).containsOnly("pk", "sk", "expiresAt");
        long recordExpiry = Long.parseLong(records.get(0).get("expiresAt").n());
        assertThat(recordExpiry % 86_400).isZero();

        // nothing anywhere else refers to the answer's key
        String answerKey = answer.get("sk").s();
        assertThat(table.all())
                .filteredOn(i -> !i.get("pk").equals(answer.get("pk"))
                        && i.values().stream().anyMatch(v -> v.s() != null && v.s().contains(answerKey)))
                .isEmpty();
    }

    @Test
    void aPulseLinkIsMarkedSpentInARecordThatCannotBeJoinedToTheAnswer() {
        Instant expiresAt = Instant.now().plus(Duration.ofDays(14)).truncatedTo(ChronoUnit.SECONDS);
        String link = tokens.pulseLink("luxembourg-gare", Campaigns.stored("luxembourg-gare"), expiresAt);
        Map<String, Object> pulse = pulse(link);
        LambdaClient.invoke(pulse).statusCode(200).body("status", equalTo("accepted"));
        LambdaClient.invoke(pulse).statusCode(200).body("status", equalTo("duplicate"));
        LambdaClient.invoke(pulse(link)).statusCode(500);

        List<Map<String, AttributeValue>> spent = table.withKeyPrefix("SPENT#");
        Map<String, AttributeValue> record = spent.stream()
                .filter(s -> Long.parseLong(s.get("expiresAt").n()) == expiresAt.getEpochSecond())
                .findFirst()
                .orElseThrow();
        // participation may be known (the link was used), its content never: no unit, no day, no answer key
        assertThat(record.keySet()).containsOnly("pk", "sk", "expiresAt");
        assertThat(table.withKeyPrefix("ANSWER#E#luxembourg-gare")).allSatisfy(a -> {
            assertThat(a.keySet()).doesNotContain("link", "linkId", "token", "submissionId");
            assertThat(a.get("sk").s()).isNotEqualTo(pulse.get("submissionId"));
        });
    }

    @Test
    void aCustomerCodeCannotFeedTheEmployeeSide() {
        String customerCode = tokens.code(Audience.CUSTOMER, "gent-korenmarkt");
        String message = LambdaClient.invoke(pulse(customerCode))
                .statusCode(500)
                .extract()
                .path("errorMessage");
        assertThat(message).contains("\"code\":\"invalid_token\"");
    }

    @Test
    void aPulseTakesNoContactDetails() {
        Map<String, Object> pulse = with(
                pulse(pulseCode("liege-guillemins")), "contact", Map.of("email", "me@example.org", "consent", true));
        String message = LambdaClient.invoke(pulse).statusCode(500).extract().path("errorMessage");
        assertThat(message).contains("\"code\":\"unknown_field\"").contains("\"field\":\"contact\"");
    }

    /**
     * Issue 16: employees' comments are not stored at all. A manager who can read the whole table (or the
     * logs) looks for what a member of the team wrote, and finds nothing: the pulse refused the words and
     * wrote nothing, and the answer sent again without them is stored without them. (The HTTP binding's
     * 400 for the same refusal: GatewayTemplatesTest selects every error code's status.) The log capture
     * sees the function only when it runs in this JVM; against the package, SubmitPulseIT checks the table.
     */
    @Test
    void aManagerWhoReadsTheTableFindsNoEmployeesWords() {
        String words = "Marc ne m'écoute jamais, je pars en janvier";
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + Arrays.toString(record.getParameters()) + " "
                        + (record.getThrown() == null ? "" : String.valueOf(record.getThrown())));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String code = pulseCode("bruxelles-louise");
            int afterIssuing = table.count();

            Map<String, Object> withWords = with(pulse(code), "comment", words);
            String message =
                    LambdaClient.invoke(withWords).statusCode(500).extract().path("errorMessage");
            assertThat(message)
                    .contains("\"code\":\"comment_not_accepted\"")
                    .contains("\"field\":\"comment\"")
                    .contains("nobody can recognise");
            assertThat(table.count()).as("a refused pulse writes nothing").isEqualTo(afterIssuing);

            // The same person sends the scores alone: stored, without a word.
            LambdaClient.invoke(pulse(code)).statusCode(200).body("status", equalTo("accepted"));
            List<Map<String, AttributeValue>> all = table.all();
            assertThat(all)
                    .filteredOn(i -> i.get("pk").s().startsWith("ANSWER#E#"))
                    .isNotEmpty()
                    .allSatisfy(i -> assertThat(i).doesNotContainKey("comment"));
            assertThat(all)
                    .as("no item of the table carries the words")
                    .noneMatch(i -> i.values().stream().anyMatch(v -> contains(v, "Marc")));
            assertThat(logged).as("no log line carries the words").noneMatch(l -> l.contains("Marc"));
        } finally {
            root.removeHandler(capture);
        }
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    /** Whether an attribute value, or any value nested in it, holds the text. */
    private static boolean contains(AttributeValue value, String text) {
        if (value.s() != null && value.s().contains(text)) {
            return true;
        }
        if (value.hasM()) {
            return value.m().values().stream().anyMatch(v -> contains(v, text));
        }
        if (value.hasL()) {
            return value.l().stream().anyMatch(v -> contains(v, text));
        }
        return value.hasSs() && value.ss().stream().anyMatch(v -> v.contains(text));
    }
}
