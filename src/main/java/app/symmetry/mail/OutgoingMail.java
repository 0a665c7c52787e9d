package app.symmetry.mail;

import java.util.Objects;

/** One e-mail to one recipient, with its plain-text and its HTML part (the HTML already escaped). */
public record OutgoingMail(String to, String subject, String text, String html) {

    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }

    /** The recipient is never written to a log or an error: this says who it was without saying it. */
    @Override
    public String toString() {
        return "OutgoingMail[to=<withheld>, subject=" + subject + "]";
    }
}
