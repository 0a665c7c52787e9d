package app.symmetry.followup;

import static app.symmetry.mail.HtmlText.escape;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

import app.symmetry.domain.FollowUp;
import app.symmetry.mail.OutgoingMail;
import app.symmetry.organisation.Unit;

/**
 * The e-mail a unit receives for a follow-up, in the organisation's language: the score, the
 * comment and when, and where to read the rest. Never the customer's address: only the follow-up
 * functions return that, to a caller who may see it.
 */
final class FollowUpMail {

    private FollowUpMail() {}

    static OutgoingMail of(FollowUp followUp, Unit unit, String language) {
        boolean fr = "fr".equals(language);
        String to = unit.contactAddress().orElseThrow();
        String when = DateTimeFormatter.ofPattern(fr ? "d/MM/yyyy HH:mm" : "yyyy-MM-dd HH:mm", Locale.ROOT)
                .format(followUp.receivedAt().atZone(unit.zone()));
        String subject = fr
                ? "Un client demande à être recontacté · " + unit.name()
                : "A customer asked to be contacted · " + unit.name();
        String intro = fr
                ? "Un client de " + unit.name() + " a donné la note " + followUp.recommend() + "/10 le " + when
                        + " et demande à être recontacté."
                : "A customer of " + unit.name() + " gave " + followUp.recommend() + "/10 on " + when
                        + " and asked to be contacted.";
        String commentLabel = fr ? "Son commentaire :" : "Their comment:";
        String action = fr
                ? "Ses coordonnées et le suivi sont dans le tableau de bord de Symmetry, rubrique Suivis."
                : "Their contact details and the follow-up are on Symmetry's dashboard, under Follow-ups.";
        StringBuilder text = new StringBuilder(intro).append("\n\n");
        StringBuilder html = new StringBuilder("<p>").append(escape(intro)).append("</p>");
        followUp.comment().ifPresent(c -> {
            text.append(commentLabel).append("\n").append(c).append("\n\n");
            html.append("<p>")
                    .append(escape(commentLabel))
                    .append("</p><blockquote>")
                    .append(escape(c))
                    .append("</blockquote>");
        });
        text.append(action).append("\n");
        html.append("<p>").append(escape(action)).append("</p>");
        return new OutgoingMail(to, subject, text.toString(), html.toString());
    }
}
