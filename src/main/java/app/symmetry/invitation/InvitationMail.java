package app.symmetry.invitation;

import static app.symmetry.mail.HtmlText.escape;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import app.symmetry.mail.OutgoingMail;
import app.symmetry.token.Audience;

/**
 * The invitation e-mail, in French or English, with its plain-text and HTML parts. The link is the
 * only personal thing in it; the unit's and organisation's names are escaped in the HTML part.
 */
final class InvitationMail {

    private InvitationMail() {}

    static OutgoingMail render(
            String to,
            String language,
            Audience audience,
            String organisation,
            String unit,
            String link,
            Instant expiresAt,
            ZoneId zone) {
        boolean fr = "fr".equals(language);
        Locale locale = fr ? Locale.FRENCH : Locale.ENGLISH;
        LocalDate lastDay = LocalDate.ofInstant(expiresAt.minusSeconds(1), zone);
        String until = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .format(lastDay);
        boolean pulse = audience == Audience.PULSE;
        String subject;
        String intro;
        String privacy;
        String action;
        String validity;
        if (fr) {
            subject = pulse ? "Baromètre anonyme de votre équipe – " + unit : "Votre avis sur " + unit;
            intro = pulse
                    ? organisation + " demande à l’équipe de " + unit
                            + " comment elle vit son travail : quelques questions, deux minutes."
                    : organisation + " aimerait savoir comment s’est passée votre visite chez " + unit
                            + " : quelques questions, deux minutes.";
            privacy = pulse
                    ? "Vos réponses sont anonymes : personne, votre responsable compris, ne voit une réponse"
                            + " individuelle ; seuls les chiffres de groupes assez grands sont publiés."
                    : "Ce lien vous est propre et ne sert qu’une fois.";
            action = "Répondre";
            validity = "Le lien est valable jusqu’au " + until + " inclus, pour une seule réponse.";
        } else {
            subject = pulse ? "Your team’s anonymous pulse – " + unit : "Your opinion about " + unit;
            intro = pulse
                    ? organisation + " is asking the team of " + unit
                            + " how work is going: a few questions, two minutes."
                    : organisation + " would like to know how your visit to " + unit
                            + " went: a few questions, two minutes.";
            privacy = pulse
                    ? "Your answers are anonymous: nobody, your manager included, sees an individual answer;"
                            + " only figures of large enough groups are published."
                    : "This link is yours and works once.";
            action = "Answer";
            validity = "The link works until " + until + " included, for one answer.";
        }
        String text = String.join("\n", intro, "", link, "", validity, privacy, "", organisation) + "\n";
        String html = "<!doctype html><html lang=\"" + (fr ? "fr" : "en") + "\"><body>"
                + "<p>" + escape(intro) + "</p>"
                + "<p><a href=\"" + escape(link) + "\">" + escape(action) + "</a></p>"
                + "<p>" + escape(validity) + "</p>"
                + "<p>" + escape(privacy) + "</p>"
                + "<p>" + escape(organisation) + "</p>"
                + "</body></html>";
        return new OutgoingMail(to, subject, text, html);
    }
}
