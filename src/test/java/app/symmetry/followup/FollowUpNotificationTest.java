package app.symmetry.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import app.symmetry.mail.MailNotSent;
import app.symmetry.mail.UnreachableSes;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.storage.FollowUpStore;
import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;
import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.SesEmulator;
import app.symmetry.testing.SesEmulator.SentMail;
import app.symmetry.testing.Tokens;
import app.symmetry.token.Audience;

/**
 * The unit's e-mail for a follow-up, as on AWS: the stream's record of the new notice handed to
 * {@code notifyFollowUp} through the Lambda binding, the e-mail read back from the SES emulator's
 * mailbox. SES being down never touches the answer, and the e-mail goes once SES is back, once.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.NotifyFollowUp.class)
class FollowUpNotificationTest {

    static final String STORE = "lyon-part-dieu";
    static final String STORE_ADDRESS = "lyon-part-dieu@maison-lumiere.example";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Tokens tokens;

    @Inject
    FollowUpStore store;

    @Inject
    OrganisationDirectory directory;

    @Inject
    Clock clock;

    /** A detractor's answer with consent, through the public function; its comment marks its e-mail. */
    private String detractor(String customer, String marker) {
        Map<String, Object> body = Answers.with(
                Answers.feedback(
                        tokens.link(Audience.CUSTOMER, STORE, Instant.now().plus(Duration.ofDays(30)))),
                "recommend",
                2);
        body.put("comment", "Attente <b>interminable</b> " + marker);
        body.put("contact", Map.of("email", customer, "consent", true));
        Api.anonymous(base).body(body).post("/submitFeedback").then().statusCode(200);
        return (String) body.get("submissionId");
    }

    /** What DynamoDB Streams hands the function for a new item (KEYS_ONLY, as template.yaml has it). */
    private static Map<String, Object> streamEvent(String followUpId) {
        return streamEvent(followUpId, "NOTIFY");
    }

    private static Map<String, Object> streamEvent(String followUpId, String sortKey) {
        Map<String, Object> record = Map.of(
                "eventID", UUID.randomUUID().toString(),
                "eventName", "INSERT",
                "eventVersion", "1.1",
                "eventSource", "aws:dynamodb",
                "awsRegion", "eu-west-3",
                "eventSourceARN",
                        "arn:aws:dynamodb:eu-west-3:123456789012:table/symmetry/stream/2026-11-29T00:00:00.000",
                "dynamodb",
                        Map.of(
                                "Keys",
                                Map.of(
                                        "pk", Map.of("S", "FOLLOWUP#" + followUpId),
                                        "sk", Map.of("S", sortKey)),
                                "SequenceNumber",
                                "4000000000000000000001",
                                "SizeBytes",
                                60,
                                "StreamViewType",
                                "KEYS_ONLY"));
        return Map.of("Records", List.of(record));
    }

    private static List<SentMail> mailsWith(String marker) {
        return SesEmulator.ofApplication().mailTo(STORE_ADDRESS).stream()
                .filter(m -> m.text() != null && m.text().contains(marker))
                .toList();
    }

    @Test
    void aNewFollowUpsStreamRecordSendsTheUnitOneEmailAndARetriedRecordNoSecond() {
        String marker = UUID.randomUUID().toString();
        String customer = "client-" + marker + "@example.test";
        String id = detractor(customer, marker);

        LambdaClient.invoke(streamEvent(id)).statusCode(200);
        List<SentMail> mails = mailsWith(marker);
        assertThat(mails).hasSize(1);
        SentMail mail = mails.get(0);
        // the organisation's language (demo.json: fr), the comment as text, and never the customer's address
        assertThat(mail.subject()).contains("Lyon Part-Dieu").contains("recontacté");
        assertThat(mail.html()).contains("&lt;b&gt;interminable&lt;/b&gt;").doesNotContain("<b>interminable");
        assertThat(mail.text() + mail.html() + mail.subject()).doesNotContain(customer);
        assertThat(store.find(id).orElseThrow().notified()).isTrue();

        LambdaClient.invoke(streamEvent(id)).statusCode(200);
        assertThat(mailsWith(marker)).hasSize(1);
    }

    @Test
    void sesDownLeavesTheAnswerAcceptedAndTheEmailIsSentOnceWhenSesIsBack() {
        String marker = UUID.randomUUID().toString();
        String id = detractor("client-" + marker + "@example.test", marker);
        FollowUpNotifier withSesDown =
                new FollowUpNotifier(store, directory, UnreachableSes.sender("symmetry@feedback.example.test"), clock);

        assertThatThrownBy(() -> withSesDown.notify(id))
                .isInstanceOfSatisfying(
                        MailNotSent.class, e -> assertThat(e.retryable()).isTrue());
        assertThatThrownBy(() -> withSesDown.notify(id)).isInstanceOf(MailNotSent.class);
        assertThat(store.pendingNotices(1000)).contains(id);
        assertThat(store.find(id).orElseThrow().notified()).isFalse();
        assertThat(mailsWith(marker)).isEmpty();

        // SES is back: the stream's retry of the same record
        LambdaClient.invoke(streamEvent(id)).statusCode(200);
        LambdaClient.invoke(streamEvent(id)).statusCode(200);
        assertThat(mailsWith(marker)).hasSize(1);
        assertThat(store.pendingNotices(1000)).doesNotContain(id);
        assertThat(store.find(id).orElseThrow().notified()).isTrue();
    }

    @Test
    void aRecordOfAnyOtherItemSendsNothing() {
        String marker = UUID.randomUUID().toString();
        String id = detractor("client-" + marker + "@example.test", marker);
        // the follow-up's address item, had the stream's filter let it through
        Map<String, Object> contactRecord = streamEvent(id, "CONTACT");
        LambdaClient.invoke(contactRecord).statusCode(200);
        assertThat(mailsWith(marker)).isEmpty();
        assertThat(store.pendingNotices(1000)).contains(id);
    }
}
