package app.symmetry.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import app.symmetry.testing.SesEmulator;
import app.symmetry.testing.SesEmulator.SentMail;

/**
 * The SESv2 client as the functions use it, against the SES emulator (aws-ses-v2-local): what it sends
 * lands in the mailbox, and what SES refuses or cannot take is a {@link MailNotSent} that says whether
 * to try again.
 */
class MailSenderTest {

    private static final String FROM = "symmetry@feedback.example.test";
    private static SesEmulator ses;

    @BeforeAll
    static void startTheEmulator() {
        ses = SesEmulator.start();
    }

    @AfterAll
    static void stopTheEmulator() {
        ses.stop();
    }

    private static MailSender senderTo(String endpoint) {
        return new MailSender(MailSender.build(Optional.of(endpoint), Optional.empty()), FROM);
    }

    private static String someone() {
        return "someone-" + UUID.randomUUID() + "@example.test";
    }

    @Test
    void anEmailSentLandsInTheMailboxWithBothPartsAsSesTookIt() {
        String to = someone();
        String messageId = senderTo(ses.endpoint())
                .send(new OutgoingMail(
                        to,
                        "Votre avis · Opéra",
                        "Bonjour,\nhttps://feedback.example.test/form/#t=abc",
                        "<p>Bonjour,</p><p><a href=\"https://feedback.example.test/form/#t=abc\">Répondre</a></p>"));

        List<SentMail> mails = ses.mailTo(to);
        assertThat(mails).hasSize(1);
        SentMail mail = mails.get(0);
        assertThat(mail.messageId()).isEqualTo(messageId).isNotBlank();
        assertThat(mail.from()).isEqualTo(FROM);
        assertThat(mail.to()).containsExactly(to);
        assertThat(mail.subject()).isEqualTo("Votre avis · Opéra");
        assertThat(mail.text()).isEqualTo("Bonjour,\nhttps://feedback.example.test/form/#t=abc");
        assertThat(mail.html()).contains("<a href=\"https://feedback.example.test/form/#t=abc\">Répondre</a>");
    }

    @Test
    void anEmailSesRefusesIsNotRetriedAndItsErrorNamesNoAddress() {
        String to = someone();
        // the emulator, as SES, refuses an e-mail without a subject: 400
        assertThatThrownBy(() -> senderTo(ses.endpoint()).send(new OutgoingMail(to, "", "text", "<p>html</p>")))
                .isInstanceOfSatisfying(MailNotSent.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.reason()).isEqualTo(MailNotSent.REJECTED);
                    assertThat(e.getMessage()).contains("400").doesNotContain(to);
                });
        assertThat(ses.mailTo(to)).isEmpty();
    }

    @Test
    void sesUnreachableIsRetryable() {
        SesEmulator gone = SesEmulator.start();
        String endpoint = gone.endpoint();
        gone.stop();
        assertThatThrownBy(() -> senderTo(endpoint).send(new OutgoingMail(someone(), "s", "t", "<p>h</p>")))
                .isInstanceOfSatisfying(MailNotSent.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.reason()).isEqualTo(MailNotSent.UNREACHABLE);
                });
    }

    @Test
    void sesThrottlingOrFailingIsRetryableAfterTheClientsOwnRetries() throws IOException {
        assertAnswer(429, "TooManyRequestsException", MailNotSent.THROTTLED);
        assertAnswer(500, "InternalFailure", MailNotSent.SERVICE_UNAVAILABLE);
    }

    @Test
    void noSenderAddressIsSaidPlainly() {
        MailSender unconfigured = new MailSender(MailSender.build(Optional.of(ses.endpoint()), Optional.empty()), null);
        assertThatThrownBy(() -> unconfigured.send(new OutgoingMail(someone(), "s", "t", "<p>h</p>")))
                .isInstanceOfSatisfying(MailNotSent.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.reason()).isEqualTo(MailNotSent.NOT_CONFIGURED);
                    assertThat(e.getMessage()).contains("symmetry.mail.from");
                });
    }

    /** An endpoint that answers every call as SES does when it throttles or fails (its JSON error shape). */
    private static void assertAnswer(int status, String type, String reason) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"message\":\"" + type + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThatThrownBy(() -> senderTo(endpoint).send(new OutgoingMail(someone(), "s", "t", "<p>h</p>")))
                    .isInstanceOfSatisfying(MailNotSent.class, e -> {
                        assertThat(e.retryable()).as(type).isTrue();
                        assertThat(e.reason()).as(type).isEqualTo(reason);
                    });
            assertThat(calls.get())
                    .as("the SDK retried " + type + " itself first")
                    .isGreaterThan(1);
        } finally {
            server.stop(0);
        }
    }
}
