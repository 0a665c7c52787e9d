package app.symmetry.campaign;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import app.symmetry.domain.Period;
import app.symmetry.domain.Snapshot;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.storage.CampaignStore;
import app.symmetry.storage.CampaignStore.StoredCampaign;

/**
 * Pulse campaigns: a unit, its headcount, a closing day. Every pulse credential (a pulse unit code,
 * a pulse link) belongs to one, named in the signed token's id ({@code campaignId~random}), so an
 * answer finds its campaign without a read, and its transaction raises the campaign's accepted
 * count only while it is under the headcount ({@code 409 campaign_full} beyond). Nobody, whoever
 * mints the credentials, gets more answers out of a unit than it has employees: answers
 * manufactured to reach k would have to displace real ones. Each issuing is recorded (who, when,
 * what, how many).
 */
@Singleton
public class PulseCampaigns {

    public static final int MAX_HEADCOUNT = 100_000;
    private static final char SEPARATOR = '~';
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{16}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CampaignStore store;
    private final OrganisationDirectory directory;
    private final Clock clock;

    public PulseCampaigns(CampaignStore store, OrganisationDirectory directory, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    public StartedCampaign start(String startedBy, NewCampaign request) {
        Unit unit = directory.unit(request.unitId(), "unitId");
        int headcount = request.headcount();
        LocalDate closesOn = request.closesOn();
        LocalDate today = LocalDate.ofInstant(clock.instant(), unit.zone());
        if (closesOn.isBefore(today) || closesOn.isAfter(today.plusDays(366))) {
            throw new SymmetryException(
                    ErrorCode.INVALID_FIELD, "closesOn", "closesOn must be from today to a year from now");
        }
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        StoredCampaign campaign = new StoredCampaign(
                Base64.getUrlEncoder().withoutPadding().encodeToString(id),
                unit.id(),
                headcount,
                closesOn,
                startedBy,
                now,
                0,
                0);
        store.start(campaign);
        return new StartedCampaign(campaign.id(), unit.id(), headcount, closesOn.toString(), startedBy, now.toString());
    }

    /** A unit's campaigns closing on {@code closingFrom} or later, each with its issuings (hr and admin read them). */
    public CampaignList list(String unitId, LocalDate closingFrom) {
        Unit unit = directory.unit(unitId, "unitId");
        List<CampaignList.Campaign> items = new ArrayList<>();
        for (StoredCampaign c : store.ofUnitClosingFrom(unit.id(), closingFrom)) {
            List<CampaignList.Issuing> issuings = store.issuings(c.id()).stream()
                    .map(i -> new CampaignList.Issuing(
                            i.kind(), i.count(), i.issuedBy(), i.issuedAt().toString()))
                    .toList();
            items.add(new CampaignList.Campaign(
                    c.id(),
                    c.unitId(),
                    c.headcount(),
                    c.closesOn().toString(),
                    c.createdBy(),
                    c.createdAt().toString(),
                    c.issued(),
                    issuings));
        }
        return new CampaignList(items);
    }

    /** The open campaign a pulse credential is issued for; another unit's campaign reads as no campaign. */
    public StoredCampaign openFor(String campaignId, Unit unit, String field) {
        Optional<StoredCampaign> campaign =
                ID.matcher(campaignId).matches() ? store.find(campaignId) : Optional.empty();
        if (campaign.isEmpty() || !campaign.get().unitId().equals(unit.id())) {
            throw new SymmetryException(
                    ErrorCode.NOT_FOUND, field, "there is no campaign " + campaignId + " for unit " + unit.id());
        }
        if (campaign.get().closesOn().isBefore(LocalDate.ofInstant(clock.instant(), unit.zone()))) {
            throw new SymmetryException(
                    ErrorCode.INVALID_FIELD,
                    field,
                    "campaign " + campaignId + " closed on " + campaign.get().closesOn());
        }
        return campaign.get();
    }

    /** Credentials stop working when their campaign closes: the end of its closing day, in the unit's time. */
    public static Instant closesAt(StoredCampaign campaign, Unit unit) {
        return campaign.closesOn().plusDays(1).atStartOfDay(unit.zone()).toInstant();
    }

    public void recordIssuing(String campaignId, String kind, int count, String issuedBy) {
        store.recordIssuing(
                campaignId,
                new CampaignStore.Issuing(kind, count, issuedBy, clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    }

    /**
     * The unit snapshots' employee side, with how many pulse credentials their period's answers could
     * have come from: every credential issued by the unit's campaigns open during the period (created
     * before it ended, closing after it began). A shared code counts one: all the answers through it
     * could be one person's, a device cap a day. Other scopes are returned as they are.
     */
    public List<Snapshot> withCredentials(List<Snapshot> snapshots) {
        Map<String, List<StoredCampaign>> byUnit = new HashMap<>();
        List<Snapshot> out = new ArrayList<>(snapshots.size());
        for (Snapshot s : snapshots) {
            Optional<Period> period = Period.parse(s.period());
            Optional<Unit> unit =
                    "unit".equals(s.scope()) ? directory.organisation().unit(s.id()) : Optional.empty();
            if (s.employee() == null || period.isEmpty() || unit.isEmpty()) {
                out.add(s);
                continue;
            }
            LocalDate start = period.get().start();
            LocalDate end = period.get().end();
            long issued = byUnit.computeIfAbsent(unit.get().id(), id -> store.ofUnitClosingFrom(id, start)).stream()
                    .filter(c -> !c.closesOn().isBefore(start)
                            && !LocalDate.ofInstant(c.createdAt(), unit.get().zone())
                                    .isAfter(end))
                    .mapToLong(StoredCampaign::issued)
                    .sum();
            out.add(new Snapshot(
                    s.scope(),
                    s.id(),
                    s.period(),
                    s.methodVersion(),
                    s.computedAt(),
                    s.customer(),
                    s.employee().withCredentials(issued),
                    s.gaps(),
                    s.symmetry(),
                    s.trend(),
                    s.correlation()));
        }
        return out;
    }

    /** A credential's id: its campaign's, then its own random part. */
    public static String credentialId(String campaignId, String random) {
        return campaignId + SEPARATOR + random;
    }

    /** The campaign a (signed) credential id names, if any. */
    public static Optional<String> campaignOf(String credentialId) {
        int at = credentialId.indexOf(SEPARATOR);
        if (at < 0) {
            return Optional.empty();
        }
        String id = credentialId.substring(0, at);
        return ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }
}
