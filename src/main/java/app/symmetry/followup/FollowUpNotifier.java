package app.symmetry.followup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import app.symmetry.domain.FollowUp;
import app.symmetry.domain.FollowUpStatus;
import app.symmetry.mail.MailNotSent;
import app.symmetry.mail.MailSender;
import app.symmetry.organisation.Organisation;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.storage.FollowUpStore;

/**
 * Sends a unit its e-mail for a follow-up, once: the answer's transaction left a notice beside the
 * follow-up; the notice is taken for a short lease (so two senders never both send), the e-mail
 * sent, then the notice deleted and the follow-up marked notified, together. When SES does not take
 * it, the notice is released and the failure thrown, for the caller to retry: on AWS the stream's
 * event source mapping (retries, bisect, then the dead-letter queue), locally the next tick of the
 * local run's timer. Only a crash between SES's answer and the mark can send a second e-mail.
 */
@Singleton
public class FollowUpNotifier {

    private static final Logger LOG = Logger.getLogger(FollowUpNotifier.class);
    static final Duration LEASE = Duration.ofMinutes(2);

    private final FollowUpStore store;
    private final OrganisationDirectory directory;
    private final MailSender mail;
    private final Clock clock;

    public FollowUpNotifier(FollowUpStore store, OrganisationDirectory directory, MailSender mail, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.mail = mail;
        this.clock = clock;
    }

    /** What became of one notice. */
    public enum Outcome {
        SENT,
        /** Sent already, or being sent by another sender right now. */
        TAKEN,
        /** Nothing to send: the unit has no address, or the follow-up was closed first. */
        DROPPED
    }

    /**
     * @throws MailNotSent when SES did not take the e-mail (the notice is kept for a retry, unless
     *     SES will never take it)
     */
    public Outcome notify(String followUpId) {
        Instant now = clock.instant();
        if (!store.claimNotice(followUpId, now, LEASE)) {
            return Outcome.TAKEN;
        }
        Optional<FollowUp> followUp = store.find(followUpId);
        Organisation org = directory.organisation();
        Optional<Unit> unit = followUp.flatMap(f -> org.unit(f.unitId()));
        if (followUp.isEmpty()
                || unit.isEmpty()
                || unit.get().contactAddress().isEmpty()
                || followUp.get().status() == FollowUpStatus.CLOSED) {
            store.dropNotice(followUpId);
            return Outcome.DROPPED;
        }
        try {
            mail.send(FollowUpMail.of(followUp.get(), unit.get(), org.defaultLanguage()));
        } catch (MailNotSent notSent) {
            if (notSent.retryable()) {
                store.releaseNotice(followUpId);
            } else {
                // SES will never take it: the follow-up stays on the dashboard, unmarked
                LOG.errorf(
                        "follow-up %s: the unit's e-mail was refused (%s), not retried", followUpId, notSent.reason());
                store.dropNotice(followUpId);
            }
            throw notSent;
        }
        store.noticeSent(followUpId, clock.instant());
        return Outcome.SENT;
    }

    /**
     * The notices still waiting, oldest first, at most {@code max}: what the local run's timer sends
     * (DynamoDB Local's stream is not read locally). Stops at the first e-mail SES could not take
     * for now; the next call goes on.
     *
     * @return how many were sent
     */
    public int sendPending(int max) {
        int sent = 0;
        for (String id : store.pendingNotices(max)) {
            try {
                if (notify(id) == Outcome.SENT) {
                    sent++;
                }
            } catch (MailNotSent notSent) {
                if (notSent.retryable()) {
                    LOG.warnf("SES did not take a follow-up's e-mail (%s); will retry", notSent.reason());
                    return sent;
                }
            }
        }
        return sent;
    }
}
