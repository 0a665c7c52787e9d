package app.symmetry.link;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import jakarta.inject.Singleton;

import app.symmetry.SymmetryConfig;
import app.symmetry.audit.AuditLog;
import app.symmetry.campaign.PulseCampaigns;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.storage.CampaignStore.StoredCampaign;
import app.symmetry.storage.RevokedCodeStore;
import app.symmetry.token.Audience;
import app.symmetry.token.TokenCheck;
import app.symmetry.token.TokenClaims;
import app.symmetry.token.TokenCodec;

/** Issues unit codes and single-use links, describes the form a token opens, and revokes codes. */
@Singleton
public class LinkService {

    /** Per instance, not static: a native image must not freeze a seeded generator into its heap at build time. */
    private final SecureRandom random = new SecureRandom();

    /** The longest a link lives (issueLinks' expiresInDays at most): how long a batch's revocation is kept. */
    static final Duration LONGEST_LINK = Duration.ofDays(366);

    private final OrganisationDirectory directory;
    private final TokenCodec codec;
    private final TokenCheck check;
    private final RevokedCodeStore revocations;
    private final Clock clock;
    private final String publicUrl;
    private final int pulseCampaignDays;
    private final PulseCampaigns campaigns;
    private final AuditLog audit;

    public LinkService(
            OrganisationDirectory directory,
            TokenCodec codec,
            TokenCheck check,
            RevokedCodeStore revocations,
            Clock clock,
            SymmetryConfig config,
            PulseCampaigns campaigns,
            AuditLog audit) {
        this.campaigns = campaigns;
        this.audit = audit;
        this.directory = directory;
        this.codec = codec;
        this.check = check;
        this.revocations = revocations;
        this.clock = clock;
        String publicUrl = config.publicUrl();
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.pulseCampaignDays = config.pulseCampaignDays();
    }

    public IssuedLinks issueLinks(IssueLinksRequest request) {
        return issueLinks(request, "local-admin");
    }

    /** {@code issuedBy}: the key that asked, recorded with a pulse campaign's issuing. */
    public IssuedLinks issueLinks(IssueLinksRequest request, String issuedBy) {
        if (request.audience() == Audience.PULSE) {
            // a list of pulse links is a list of ballots in one person's hands
            throw new SymmetryException(
                    ErrorCode.INVALID_FIELD,
                    "kind",
                    "pulse links are not handed out as a list: sendInvitations e-mails each employee their own"
                            + " link, which nobody else ever sees (a pulse unit code, issueUnitCode, is for a"
                            + " shared poster)");
        }
        Unit unit = directory.unit(request.unitId(), "unitId");
        Optional<StoredCampaign> campaign = request.campaignId().map(id -> campaigns.openFor(id, unit, "campaignId"));
        Instant expiresAt = earliest(
                clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(request.expiresInDays())),
                campaign,
                unit);
        // Every link of one call carries the call's batch id: revokeLinkBatch withdraws them together
        // (a mailing list that leaked), without a record per link.
        String batchId = randomId();
        List<IssuedLinks.Link> links = new ArrayList<>(request.count());
        for (int i = 0; i < request.count(); i++) {
            String token = codec.encode(new TokenClaims(
                    true,
                    request.audience(),
                    unit.id(),
                    credentialId(campaign),
                    Optional.of(expiresAt),
                    Optional.of(batchId),
                    campaign.map(StoredCampaign::id)));
            links.add(new IssuedLinks.Link(token, formUrl(token), expiresAt.toString()));
        }
        campaign.ifPresent(c -> campaigns.recordIssuing(c.id(), "links", request.count(), issuedBy));
        // recorded before the links leave: links never returned were never usable
        audit.record(
                AuditLog.Action.CREDENTIALS_ISSUED,
                issuedBy,
                "unit:" + unit.id(),
                request.count(),
                "links, " + request.audience().wireName()
                        + campaign.map(c -> ", campaign " + c.id()).orElse("") + ", batch " + batchId + ", expire "
                        + expiresAt);
        return new IssuedLinks(batchId, links);
    }

    /**
     * One single-use link for one invitation e-mail (to the forms at {@code origin}, as the batch recorded
     * it), made at the moment it is sent and never stored: it
     * goes into the e-mail and nowhere else. A pulse link belongs to its campaign (its issuing was
     * recorded when the batch was queued) and expires at {@code expiresAt}, which the batch set no
     * later than the campaign's close.
     */
    public String invitationLink(
            String origin,
            Unit unit,
            Audience audience,
            String batchId,
            Optional<String> campaignId,
            Instant expiresAt) {
        String id =
                campaignId.map(c -> PulseCampaigns.credentialId(c, randomId())).orElseGet(this::randomId);
        // the invitation batch's id is the links' batch: revokeLinkBatch withdraws a batch that went astray
        return origin + "/form/#t="
                + codec.encode(new TokenClaims(
                        true, audience, unit.id(), id, Optional.of(expiresAt), Optional.of(batchId), campaignId));
    }

    /** Where the forms are served: recorded with an invitation batch, so that its sender need not know it. */
    public String formOrigin() {
        return publicUrl;
    }

    /** When a link issued now for {@code days} expires: no later than its campaign's close. */
    public Instant linkExpiry(Unit unit, int days, Optional<StoredCampaign> campaign) {
        return earliest(clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(days)), campaign, unit);
    }

    public UnitCode issueUnitCode(IssueUnitCodeRequest request) {
        return issueUnitCode(request, "local-admin");
    }

    public UnitCode issueUnitCode(IssueUnitCodeRequest request, String issuedBy) {
        Unit unit = directory.unit(request.unitId(), "unitId");
        Optional<StoredCampaign> campaign = request.campaignId().map(id -> campaigns.openFor(id, unit, "campaignId"));
        OptionalInt days = request.expiresInDays();
        // A pulse code belongs to one campaign; a customer code lives on its poster until revoked.
        Optional<Integer> lifetimeDays = days.isPresent()
                ? Optional.of(days.getAsInt())
                : request.audience() == Audience.PULSE ? Optional.of(pulseCampaignDays) : Optional.empty();
        Optional<Instant> expiry = lifetimeDays.map(d ->
                earliest(clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(d)), campaign, unit));
        UnitCode code = unitCode(new TokenClaims(
                false,
                request.audience(),
                unit.id(),
                credentialId(campaign),
                expiry,
                Optional.empty(),
                campaign.map(StoredCampaign::id)));
        campaign.ifPresent(c -> campaigns.recordIssuing(c.id(), "code", 1, issuedBy));
        audit.record(
                AuditLog.Action.CREDENTIALS_ISSUED,
                issuedBy,
                "unit:" + unit.id(),
                1,
                "code " + code.codeId() + ", " + request.audience().wireName()
                        + campaign.map(c -> ", campaign " + c.id()).orElse(""));
        return code;
    }

    /** A pulse credential stops working when its campaign closes. */
    private static Instant earliest(Instant expiry, Optional<StoredCampaign> campaign, Unit unit) {
        return campaign.map(c -> PulseCampaigns.closesAt(c, unit))
                .filter(close -> close.isBefore(expiry))
                .orElse(expiry);
    }

    private String credentialId(Optional<StoredCampaign> campaign) {
        return campaign.map(c -> PulseCampaigns.credentialId(c.id(), randomId()))
                .orElseGet(this::randomId);
    }

    UnitCode unitCode(TokenClaims claims) {
        String token = codec.encode(claims);
        String url = formUrl(token);
        return new UnitCode(
                token,
                claims.id(),
                url,
                QrSvg.of(url),
                claims.expiresAt().map(Instant::toString).orElse(null));
    }

    /**
     * What the form of a token shows. Whether a single-use link was already answered is deliberately
     * not looked at: whoever holds a batch of links (the manager who mailed them) could otherwise poll
     * them and learn who answered. A spent link opens its form like a fresh one; the refusal comes at
     * submit ({@code link_spent}), where only someone who answers sees it.
     */
    public FormDescription describeForm(String token) {
        TokenCheck.Access access = check.check(token, clock.instant(), "token");
        TokenClaims claims = access.claims();
        Unit unit = access.unit();
        return new FormDescription(
                claims.audience().wireName(),
                new FormDescription.UnitRef(unit.id(), unit.name()),
                unit.languages(),
                claims.singleUse(),
                claims.expiresAt().map(Instant::toString).orElse(null),
                directory.questionnaire());
    }

    /** {@code revokedBy}: the key that asked, recorded in the audit log. */
    public RevokedCode revokeUnitCode(String token, String revokedBy) {
        // An expired code may still be revoked: revoking is never refused for lateness.
        TokenClaims claims = codec.verify(token, Instant.EPOCH, "token");
        if (claims.singleUse()) {
            throw new SymmetryException(
                    ErrorCode.INVALID_FIELD, "token", "single-use links are not revoked one by one; they expire");
        }
        revocations.revoke(claims.id(), claims.unitId(), clock.instant());
        audit.record(AuditLog.Action.CODE_REVOKED, revokedBy, "code:" + claims.id(), 1, "unit " + claims.unitId());
        return new RevokedCode(claims.id(), claims.unitId(), true);
    }

    /**
     * Withdraws every link of one {@code issueLinks} call: from the next check on (a function's memory
     * of it lasts {@code symmetry.token.revocation-cache}), each opens no form and takes no answer
     * ({@code 410 token_revoked}). Answers already given stay. Links signed before batches existed
     * (version 1 tokens) carry no batch and are not reached; they expire on their own.
     */
    public RevokedLinkBatch revokeLinkBatch(String batchId, String revokedBy) {
        Instant now = clock.instant();
        revocations.revokeBatch(batchId, now, now.plus(LONGEST_LINK).plus(Duration.ofDays(1)));
        audit.record(AuditLog.Action.CODE_REVOKED, revokedBy, "batch:" + batchId, 1, "every link of the batch");
        return new RevokedLinkBatch(batchId, true);
    }

    public String formUrl(String token) {
        // The token rides in the fragment: browsers never send it, so no server or CDN log keeps it.
        return publicUrl + "/form/#t=" + token;
    }

    private String randomId() {
        byte[] id = new byte[12];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
