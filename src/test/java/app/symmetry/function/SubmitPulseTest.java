package app.symmetry.function;

import static app.symmetry.testing.Answers.feedback;
import static app.symmetry.testing.Answers.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.testing.Campaigns;
import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
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
            Set.of("pk", "sk", "unitId", "day", "recommend", "ratings", "comment", "expiresAt");

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
        Map<String, Object> pulse =
                with(feedback(pulseCode("liege-guillemins")), "comment", "On manque d'informations.");
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
        assertThat(answer.get("comment").s()).isEqualTo("On manque d'informations.");
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
        Map<String, Object> pulse = feedback(link);
        LambdaClient.invoke(pulse).statusCode(200).body("status", equalTo("accepted"));
        LambdaClient.invoke(pulse).statusCode(200).body("status", equalTo("duplicate"));
        LambdaClient.invoke(feedback(link)).statusCode(500);

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
        String message = LambdaClient.invoke(feedback(customerCode))
                .statusCode(500)
                .extract()
                .path("errorMessage");
        assertThat(message).contains("\"code\":\"invalid_token\"");
    }

    @Test
    void aPulseTakesNoContactDetails() {
        Map<String, Object> pulse = with(
                feedback(pulseCode("liege-guillemins")), "contact", Map.of("email", "me@example.org", "consent", true));
        String message = LambdaClient.invoke(pulse).statusCode(500).extract().path("errorMessage");
        assertThat(message).contains("\"code\":\"unknown_field\"").contains("\"field\":\"contact\"");
    }
}
