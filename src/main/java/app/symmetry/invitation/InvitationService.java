package app.symmetry.invitation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.symmetry.audit.AuditLog;
import app.symmetry.campaign.PulseCampaigns;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.link.LinkService;
import app.symmetry.mail.MailNotSent;
import app.symmetry.mail.MailQueue;
import app.symmetry.mail.MailSender;
import app.symmetry.mail.OutgoingMail;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.storage.CampaignStore.StoredCampaign;
import app.symmetry.storage.InvitationStore;
import app.symmetry.storage.InvitationStore.Batch;
import app.symmetry.storage.InvitationStore.Claim;
import app.symmetry.storage.InvitationStore.Recipient;
import app.symmetry.token.Audience;
import app.symmetry.token.TokenCodec;

/**
 * Invitations sent by the system: each address gets its own single-use link, made when its e-mail is
 * sent and put nowhere else, so nobody, the sender included, ever holds a pulse token sent this way.
 * <p>
 * {@link #queue} checks the request, records the batch (each address masked, by its place), records the
 * pulse campaign's issuing, and queues the addresses ten to a message; it returns before anything is
 * sent (SES sends some 14 e-mails a second). {@link #deliver} is the sender, one queue message at a time:
 * each address is claimed ({@code queued → sending}, conditionally), then its keyed hash is claimed for
 * the campaign (a second invitation to the same campaign is skipped as {@code already_invited}), then
 * its link is made and the e-mail sent. A retryable failure (SES throttled, down, unreachable) puts the
 * address back in the queue, leaves the rest of the message unsent, and fails the message, which the
 * queue delivers again; after
 * {@value #MAX_ATTEMPTS} attempts, or a refusal, it is failed with SES's reason. A message delivered
 * twice sends nothing twice: a sent or failed address is not claimed again.
 */
@Singleton
public class InvitationService {

    public static final int MAX_ADDRESSES = 1000;
    public static final int MAX_ATTEMPTS = 5;
    /** An address still {@code sending} this long after its claim was lost mid-send: failed, never sent again. */
    static final Duration LEASE = Duration.ofMinutes(5);
    /** Batches are readable this long after their links expired. */
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(30);

    static final String RECIPIENT_PURPOSE = "invitation-recipient";
    private static final int PER_MESSAGE = 10;
    private static final Pattern BATCH_ID = Pattern.compile("^[A-Za-z0-9_-]{16}$");
    private static final Logger LOG = Logger.getLogger(InvitationService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecureRandom random = new SecureRandom();
    private final OrganisationDirectory directory;
    private final PulseCampaigns campaigns;
    private final LinkService links;
    private final InvitationStore store;
    private final MailQueue queue;
    private final MailSender mail;
    private final TokenCodec codec;
    private final Clock clock;
    private final AuditLog audit;

    public InvitationService(
            OrganisationDirectory directory,
            PulseCampaigns campaigns,
            LinkService links,
            InvitationStore store,
            MailQueue queue,
            MailSender mail,
            TokenCodec codec,
            Clock clock,
            AuditLog audit) {
        this.audit = audit;
        this.directory = directory;
        this.campaigns = campaigns;
        this.links = links;
        this.store = store;
        this.queue = queue;
        this.mail = mail;
        this.codec = codec;
        this.clock = clock;
    }

    public QueuedInvitations queue(InvitationRequest request, String sentBy) {
        Unit unit = directory.unit(request.unitId(), "unitId");
        Optional<StoredCampaign> campaign = request.campaignId().map(id -> campaigns.openFor(id, unit, "campaignId"));
        String language = request.language().orElse(unit.defaultLanguage().equals("fr") ? "fr" : "en");
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant linksExpireAt = links.linkExpiry(unit, request.expiresInDays(), campaign);
        // a second invitation is refused while the first could still be answered: the campaign, or the link
        Instant dedupeUntil =
                campaign.map(c -> PulseCampaigns.closesAt(c, unit)).orElse(linksExpireAt);
        String batchId = randomId();
        List<String> emails = request.emails();
        Batch batch = new Batch(
                batchId,
                unit.id(),
                request.audience().wireName(),
                language,
                request.campaignId(),
                linksExpireAt,
                dedupeUntil,
                links.formOrigin(),
                sentBy,
                now,
                emails.size());
        store.record(
                batch, emails.stream().map(InvitationService::masked).toList(), dedupeUntil.plus(KEPT_AFTER_EXPIRY));
        // every credential that may leave is counted before it can (docs/access.md), and the act is on record
        campaign.ifPresent(c -> campaigns.recordIssuing(c.id(), "invitations", emails.size(), sentBy));
        audit.record(
                AuditLog.Action.CREDENTIALS_ISSUED,
                sentBy,
                "unit:" + unit.id(),
                emails.size(),
                "invitations by e-mail, " + batch.kind()
                        + request.campaignId().map(c -> ", campaign " + c).orElse("") + ", batch " + batchId
                        + ", expire " + linksExpireAt);
        List<String> messages = new ArrayList<>();
        for (int from = 0; from < emails.size(); from += PER_MESSAGE) {
            List<Map<String, Object>> recipients = new ArrayList<>();
            for (int i = from; i < Math.min(emails.size(), from + PER_MESSAGE); i++) {
                recipients.add(Map.of("index", i, "email", emails.get(i)));
            }
            messages.add(json(Map.of("batchId", batchId, "recipients", recipients)));
        }
        try {
            queue.enqueue(messages);
        } catch (MailNotSent e) {
            LOG.warnf("invitation batch %s not queued: %s", batchId, e.getMessage());
            throw new SymmetryException(
                    ErrorCode.STORAGE_UNAVAILABLE,
                    null,
                    "the invitations could not be queued, none was sent; retry the request");
        }
        return new QueuedInvitations(
                batchId, unit.id(), batch.kind(), language, emails.size(), linksExpireAt.toString());
    }

    /** The batch's state; its unit and kind say who may read it (the function checks). */
    public InvitationBatchReport report(String batchId) {
        Optional<Batch> found = BATCH_ID.matcher(batchId).matches() ? store.batch(batchId) : Optional.empty();
        if (found.isEmpty()) {
            throw new SymmetryException(ErrorCode.NOT_FOUND, "batchId", "there is no invitation batch " + batchId);
        }
        Batch batch = found.get();
        int pending = 0;
        int sent = 0;
        int failed = 0;
        int skipped = 0;
        List<InvitationBatchReport.NotSent> notSent = new ArrayList<>();
        for (Recipient r : store.recipients(batchId)) {
            switch (r.state()) {
                case InvitationStore.SENT -> sent++;
                case InvitationStore.FAILED -> {
                    failed++;
                    notSent.add(notSent(r, "failed"));
                }
                case InvitationStore.SKIPPED -> {
                    skipped++;
                    notSent.add(notSent(r, "skipped"));
                }
                default -> {
                    pending++;
                    if (r.reason().isPresent()) {
                        notSent.add(notSent(r, "pending"));
                    }
                }
            }
        }
        return new InvitationBatchReport(
                batchId,
                batch.unitId(),
                batch.kind(),
                batch.language(),
                batch.createdAt().toString(),
                batch.linksExpireAt().toString(),
                batch.total(),
                pending,
                sent,
                failed,
                skipped,
                notSent);
    }

    private static InvitationBatchReport.NotSent notSent(Recipient r, String state) {
        return new InvitationBatchReport.NotSent(
                r.index(), r.maskedAddress(), state, r.reason().orElse(""));
    }

    /** One queue message's addresses, read by the sender function. */
    public record Delivery(String batchId, List<Address> recipients) {
        @Override
        public String toString() {
            return "Delivery[batchId=" + batchId + ", addresses=" + recipients.size() + "]";
        }
    }

    public record Address(int index, String email) {
        @Override
        public String toString() {
            return "Address[index=" + index + "]";
        }
    }

    /** What one delivery did; the addresses it must try again make it fail, so the queue brings it back. */
    public record Delivered(int sent, int failed, int skipped, int retryLater) {}

    /** Sends one queue message's invitations; throws {@link DeliveryIncomplete} if some must be tried again. */
    public Delivered deliver(Delivery delivery) {
        Optional<Batch> found = store.batch(delivery.batchId());
        if (found.isEmpty()) {
            LOG.warnf("invitation batch %s is unknown (expired?): its message is dropped", delivery.batchId());
            return new Delivered(0, 0, 0, 0);
        }
        Batch batch = found.get();
        Optional<Unit> unit = directory.organisation().unit(batch.unitId());
        Audience audience = "pulse".equals(batch.kind()) ? Audience.PULSE : Audience.CUSTOMER;
        int sent = 0;
        int failed = 0;
        int skipped = 0;
        int retry = 0;
        boolean sesUnavailable = false;
        for (Address address : delivery.recipients()) {
            int index = address.index();
            if (sesUnavailable) {
                // SES is throttling or down: the rest of the message waits, unclaimed, for its redelivery
                retry++;
                continue;
            }
            Instant now = clock.instant();
            Claim claim = store.claim(batch.batchId(), index, now);
            if (!claim.taken()) {
                Recipient current = claim.current().orElse(null);
                if (current != null
                        && InvitationStore.SENDING.equals(current.state())
                        && current.claimedAt()
                                .map(at -> at.plus(LEASE).isBefore(now))
                                .orElse(true)) {
                    // lost mid-send: it may have gone out, so it is never sent again
                    store.settle(
                            batch.batchId(),
                            index,
                            InvitationStore.FAILED,
                            Optional.of("unknown_outcome"),
                            Optional.empty());
                    failed++;
                } else if (current != null && InvitationStore.SENDING.equals(current.state())) {
                    retry++; // another delivery is sending it now
                }
                continue;
            }
            String hash = recipientHash(batch, address.email());
            if (!store.claimAddress(hash, batch.batchId(), index, batch.dedupeUntil(), now)) {
                store.settle(
                        batch.batchId(),
                        index,
                        InvitationStore.SKIPPED,
                        Optional.of("already_invited"),
                        Optional.empty());
                skipped++;
                continue;
            }
            if (unit.isEmpty() || !now.isBefore(batch.linksExpireAt())) {
                store.settle(
                        batch.batchId(),
                        index,
                        InvitationStore.FAILED,
                        Optional.of(unit.isEmpty() ? "unknown_unit" : "links_expired"),
                        Optional.empty());
                store.releaseAddress(hash, batch.batchId(), index);
                failed++;
                continue;
            }
            String link = links.invitationLink(
                    batch.linkOrigin(),
                    unit.get(),
                    audience,
                    batch.batchId(),
                    batch.campaignId(),
                    batch.linksExpireAt());
            OutgoingMail outgoing = InvitationMail.render(
                    address.email(),
                    batch.language(),
                    audience,
                    directory.organisation().name(),
                    unit.get().name(),
                    link,
                    batch.linksExpireAt(),
                    unit.get().zone());
            try {
                String messageId = mail.send(outgoing);
                store.settle(batch.batchId(), index, InvitationStore.SENT, Optional.empty(), Optional.of(messageId));
                sent++;
            } catch (MailNotSent e) {
                if (e.retryable()) {
                    sesUnavailable = true;
                }
                if (e.retryable() && claim.attempt() < MAX_ATTEMPTS) {
                    store.settle(
                            batch.batchId(), index, InvitationStore.QUEUED, Optional.of(e.reason()), Optional.empty());
                    retry++;
                } else {
                    store.settle(
                            batch.batchId(), index, InvitationStore.FAILED, Optional.of(e.reason()), Optional.empty());
                    store.releaseAddress(hash, batch.batchId(), index);
                    failed++;
                }
                LOG.infof(
                        "invitation %s#%d not sent (attempt %d, %s): %s",
                        batch.batchId(), index, claim.attempt(), e.reason(), e.getMessage());
            }
        }
        Delivered delivered = new Delivered(sent, failed, skipped, retry);
        if (retry > 0) {
            throw new DeliveryIncomplete(delivery.batchId(), delivered);
        }
        return delivered;
    }

    /** Some addresses of a message must be tried again: the queue delivers it again later. */
    public static final class DeliveryIncomplete extends RuntimeException {
        private final transient Delivered delivered;

        DeliveryIncomplete(String batchId, Delivered delivered) {
            super("invitation batch " + batchId + ": " + delivered.retryLater() + " address(es) to try again later");
            this.delivered = delivered;
        }

        public Delivered delivered() {
            return delivered;
        }
    }

    /** The keyed hash that stands for an address in one campaign (pulse) or one unit's customer links. */
    String recipientHash(Batch batch, String email) {
        String scope = batch.campaignId().map(c -> "pulse:" + c).orElse("customer:" + batch.unitId());
        return codec.purposeHash(RECIPIENT_PURPOSE, scope + "\n" + normalised(email));
    }

    static String normalised(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** The first character of the address and its domain: enough to recognise it, not to write to it. */
    static String masked(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "…";
        }
        return email.charAt(0) + "…" + email.substring(at).toLowerCase(Locale.ROOT);
    }

    private String randomId() {
        byte[] id = new byte[12];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    private static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
