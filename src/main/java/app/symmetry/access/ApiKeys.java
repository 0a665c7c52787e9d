package app.symmetry.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import app.symmetry.audit.AuditLog;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.organisation.Organisation;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.storage.ApiKeyStore;
import app.symmetry.storage.ApiKeyStore.StoredApiKey;

/**
 * API keys: made random, shown once, kept only as a SHA-256 hash with their role, scope, creator and
 * creation time; listed without the secret; revoked. A key reads {@code sym.<keyId>.<secret>}: the id
 * finds the stored hash in one read, and the hash is compared in constant time
 * ({@link MessageDigest#isEqual}), so neither a wrong secret nor an unknown id answers faster.
 * A fast hash is enough: the secret is 256 random bits, not a password anyone could guess.
 */
@Singleton
public class ApiKeys {

    private static final Pattern KEY = Pattern.compile("^sym\\.([A-Za-z0-9_-]{16})\\.[A-Za-z0-9_-]{43}$");
    private static final Pattern KEY_ID = Pattern.compile("^[A-Za-z0-9_-]{16}$");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when the id is unknown, so that an unknown id costs what a wrong secret costs. */
    private static final byte[] NO_KEY = sha256("no such key");

    private final ApiKeyStore store;
    private final OrganisationDirectory directory;
    private final Clock clock;
    private final AuditLog audit;

    public ApiKeys(ApiKeyStore store, OrganisationDirectory directory, Clock clock, AuditLog audit) {
        this.store = store;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    public CreatedApiKey create(Caller creator, NewApiKey request) {
        Organisation org = directory.organisation();
        List<String> units = request.units();
        List<String> regions = request.regions();
        for (int i = 0; i < units.size(); i++) {
            if (org.unit(units.get(i)).isEmpty()) {
                throw new SymmetryException(
                        ErrorCode.INVALID_FIELD, "units[" + i + "]", "there is no unit " + units.get(i));
            }
        }
        for (int i = 0; i < regions.size(); i++) {
            if (!org.unitsByRegion().containsKey(regions.get(i))) {
                throw new SymmetryException(
                        ErrorCode.INVALID_FIELD, "regions[" + i + "]", "there is no region " + regions.get(i));
            }
        }
        String keyId = random(12);
        String secret = "sym." + keyId + "." + random(32);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String role = request.role().wireName();
        store.create(new StoredApiKey(
                keyId,
                sha256(secret),
                role,
                units,
                regions,
                request.label(),
                creator.keyId(),
                now,
                Optional.empty(),
                Optional.empty()));
        // recorded before the key is shown: a key never shown was never usable
        audit.record(
                AuditLog.Action.KEY_CREATED,
                creator.keyId(),
                "key:" + keyId,
                1,
                "role " + role + (units.isEmpty() ? "" : ", units " + String.join(" ", units))
                        + (regions.isEmpty() ? "" : ", regions " + String.join(" ", regions))
                        + (request.label().isEmpty() ? "" : ", label " + request.label()));
        return new CreatedApiKey(keyId, secret, role, units, regions, request.label(), creator.keyId(), now.toString());
    }

    public ApiKeyList list(KeyListing listing) {
        int limit = listing.limit();
        Optional<String> cursor = listing.cursor();
        ApiKeyStore.Page page = store.list(limit, cursor);
        List<ApiKeyList.Key> items = new ArrayList<>();
        for (StoredApiKey k : page.items()) {
            items.add(new ApiKeyList.Key(
                    k.keyId(),
                    k.role(),
                    k.units(),
                    k.regions(),
                    k.label(),
                    k.createdBy(),
                    k.createdAt().toString(),
                    k.revokedAt().map(Instant::toString).orElse(null),
                    k.revokedBy().orElse(null)));
        }
        return new ApiKeyList(items, page.cursor().orElse(null));
    }

    public RevokedApiKey revoke(Caller by, String keyId) {
        if (!KEY_ID.matcher(keyId).matches()
                || !store.revoke(keyId, by.keyId(), clock.instant().truncatedTo(ChronoUnit.SECONDS))) {
            throw new SymmetryException(ErrorCode.NOT_FOUND, "keyId", "there is no key " + keyId);
        }
        // a retry after a failed record revokes again (it keeps the first time) and records it then
        audit.record(AuditLog.Action.KEY_REVOKED, by.keyId(), "key:" + keyId, 1, "");
        return new RevokedApiKey(keyId, true);
    }

    /** The caller a presented key stands for: unknown, malformed and revoked keys alike are {@code unauthenticated}. */
    public Caller authenticate(String presented) {
        Matcher m = presented == null ? null : KEY.matcher(presented);
        Optional<StoredApiKey> stored = m != null && m.matches() ? store.find(m.group(1)) : Optional.empty();
        byte[] expected = stored.map(StoredApiKey::secretHash).orElse(NO_KEY);
        boolean equal = MessageDigest.isEqual(expected, sha256(presented == null ? "" : presented));
        if (!equal || stored.isEmpty() || stored.get().revoked()) {
            throw unauthenticated();
        }
        return caller(stored.get());
    }

    /**
     * The caller API Gateway's authorizer vouched for ({@code keyId|role|scope}), checked again against the stored key: a key
     * revoked since the authorizer's answer was cached is refused here, and a role or scope that is not
     * the key's own (a forged or stale context) is {@code forbidden}.
     */
    public Caller confirm(Object claim) {
        String[] parts = claim instanceof String text ? text.split("\\|", 3) : new String[0];
        Optional<StoredApiKey> stored =
                parts.length == 3 && KEY_ID.matcher(parts[0]).matches() ? store.find(parts[0]) : Optional.empty();
        if (stored.isEmpty() || stored.get().revoked()) {
            throw unauthenticated();
        }
        Caller caller = caller(stored.get());
        if (!caller.role().wireName().equals(parts[1])
                || !caller.scope().wireForm().equals(parts[2])) {
            throw Caller.forbidden("the role or scope presented is not this key's");
        }
        return caller;
    }

    public static SymmetryException unauthenticated() {
        return new SymmetryException(
                ErrorCode.UNAUTHENTICATED, "x-api-key", "this function needs a valid x-api-key header");
    }

    private static Caller caller(StoredApiKey key) {
        Role role = Role.ofWireName(key.role()).orElseThrow(ApiKeys::unauthenticated);
        return new Caller(key.keyId(), role, Scope.of(key.units(), key.regions()));
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
