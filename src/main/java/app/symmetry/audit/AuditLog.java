package app.symmetry.audit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Singleton;

import app.symmetry.SymmetryConfig;
import app.symmetry.storage.AuditStore;
import app.symmetry.storage.AuditStore.StoredAuditEntry;

/**
 * Who did what that could change what the figures say or who may act: keys made and revoked, credentials
 * issued, codes revoked, recomputes. Written by the service that does the act, before it answers (a failed
 * write is {@code 503 storage_unavailable}, and credentials not returned were never usable); read by admins
 * only ({@code listAuditLog}); no function updates or deletes an entry, so revoking a key, or the key's holder
 * going quiet, leaves every act it did on record for the retention ({@code symmetry.retention.audit}).
 */
@Singleton
public class AuditLog {

    /** The acts recorded, as written in {@code action}. */
    public enum Action {
        KEY_CREATED,
        KEY_REVOKED,
        CREDENTIALS_ISSUED,
        CODE_REVOKED,
        RECOMPUTE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuditStore store;
    private final Clock clock;
    private final Duration retention;

    public AuditLog(AuditStore store, Clock clock, SymmetryConfig config) {
        this.store = store;
        this.clock = clock;
        this.retention = config.auditRetention();
    }

    /**
     * @param actor   the key id of whoever did it ({@code iam} for a direct invocation, {@code local-admin} locally)
     * @param subject what it was done to: {@code key:<id>}, {@code unit:<id>}, {@code campaign:<id>}, {@code code:<id>}
     */
    public void record(Action action, String actor, String subject, int count, String detail) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        store.append(
                new StoredAuditEntry(
                        at, HexFormat.of().formatHex(id), action.wireName(), actor, subject, count, detail),
                at.plus(retention));
    }

    public AuditPage list(AuditListing listing) {
        AuditStore.Page page = store.list(listing.month(), listing.limit(), listing.cursor());
        List<AuditPage.Entry> items = page.items().stream()
                .map(e -> new AuditPage.Entry(
                        e.at().toString(), e.action(), e.actor(), e.subject(), e.count(), e.detail()))
                .toList();
        return new AuditPage(listing.month().toString(), items, page.cursor().orElse(null));
    }
}
