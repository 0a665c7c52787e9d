package app.symmetry.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import app.symmetry.testing.SesEmulator;

/** The application's own MailSender, configured as the tests configure it, sends into the test run's emulator. */
@QuarkusTest
class MailboxTest {

    @Inject
    MailSender mail;

    @Test
    void whatTheApplicationSendsIsInTheEmulatorsMailbox() {
        String to = "reader-" + UUID.randomUUID() + "@example.test";
        String id = mail.send(new OutgoingMail(to, "Hello", "plain", "<p>html</p>"));
        assertThat(SesEmulator.ofApplication().mailTo(to)).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(id);
            assertThat(m.from()).isEqualTo("symmetry@feedback.example.test");
            assertThat(m.text()).isEqualTo("plain");
            assertThat(m.html()).isEqualTo("<p>html</p>");
        });
    }
}
