package app.symmetry.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.ConfigUtils;

import app.symmetry.SymmetryConfig;

/**
 * The HMAC keys, by key id, read at run time from a Secrets Manager secret
 * ({@code symmetry.token.secret-id}) when the function first needs them (SnapStart's priming, before
 * the snapshot; otherwise its first token), and read again once {@code symmetry.token.refresh} has
 * passed: a rotation (a new first key
 * in the secret) reaches every warm function within that delay, with no redeploy. New tokens are signed
 * with the first key; tokens signed with any key still listed verify, so keys rotate by putting a new
 * key first and dropping the old one once its tokens may go (dropping a key revokes everything it
 * signed). A failed re-read keeps the keys already read and tries again shortly: a Secrets Manager
 * outage never stops answers.
 * <p>
 * Outside {@code %dev} and {@code %test} only the secret is read: with none named, or with plain keys
 * in the configuration ({@code symmetry.token.keys}, where the development key lives), the function
 * refuses to start rather than sign with a key that is not the deployment's own.
 * <p>
 * Application-scoped (created on its first use, behind a client proxy): a function that never signs
 * or checks a token, although its class shares services with ones that do ({@code revokeLinkBatch}
 * beside {@code issueLinks}), never reads the secret, which its IAM would refuse.
 */
@ApplicationScoped
public class SigningKeys {

    /** The functions that sign or check tokens: the only ones that read the secret (template.yaml grants them). */
    public static final Set<String> USERS = Set.of(
            "getForm",
            "submitFeedback",
            "submitPulse",
            "issueLinks",
            "issueUnitCode",
            "revokeUnitCode",
            "sendInvitations",
            "deliverInvitations");

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    /** Where the keys' text comes from. */
    public interface Source {
        String read();
    }

    private final Source source;
    private final Optional<String> activeKeyId;
    private final Duration refresh;
    private final Clock clock;
    private volatile KeyRing ring;
    private volatile Instant nextRead;

    @Inject
    public SigningKeys(SymmetryConfig config) {
        // With a secret, the secret says which key signs (its first): a rotation is one write to it.
        this(
                sourceFor(config, ConfigUtils.getProfiles()),
                config.tokenKeyRefresh(),
                Clock.systemUTC(),
                config.tokenSecretId().filter(s -> !s.isBlank()).isPresent() ? Optional.empty() : config.activeKey());
    }

    /** Fixed keys, never read again: tests and tools that sign as a deployment would. */
    public SigningKeys(Optional<String> keys, Optional<String> activeKeyId) {
        this(() -> keys.orElse(""), null, Clock.systemUTC(), activeKeyId);
    }

    /** Keys read from {@code source} now, and again once {@code refresh} has passed (never, when null). */
    public SigningKeys(Source source, Duration refresh, Clock clock, Optional<String> activeKeyId) {
        this.source = source;
        this.refresh = refresh;
        this.clock = clock;
        this.activeKeyId = activeKeyId;
        // Read now: a function that cannot read its keys fails its init, and Lambda retries it.
        this.ring = KeyRing.parse(source.read(), activeKeyId);
        this.nextRead = refresh == null ? Instant.MAX : clock.instant().plus(refresh);
    }

    /**
     * @param profiles the active configuration profiles: the dev key lives in {@code %dev} and {@code %test}
     *        only, and the local run is a jar built and run in the dev profile (not Quarkus' dev mode)
     */
    static Source sourceFor(SymmetryConfig config, List<String> profiles) {
        boolean devOrTest = profiles.contains("dev") || profiles.contains("test");
        Optional<String> secretId = config.tokenSecretId().filter(s -> !s.isBlank());
        if (!devOrTest && config.tokenKeys().filter(k -> !k.isBlank()).isPresent()) {
            throw new IllegalStateException("symmetry.token.keys holds plain signing keys, which only %dev and %test"
                    + " use; a deployment names its secret with symmetry.token.secret-id (SYMMETRY_TOKEN_SECRET_ID)");
        }
        if (secretId.isPresent()) {
            return KeySecret.withApplicationIdentity(secretId.get(), config.tokenSecretsEndpoint());
        }
        if (!devOrTest) {
            throw new IllegalStateException("no signing-key secret: set symmetry.token.secret-id"
                    + " (SYMMETRY_TOKEN_SECRET_ID) to the Secrets Manager secret of the token keys");
        }
        String keys = config.tokenKeys().orElse("");
        return () -> keys;
    }

    /** The keys as last read; read again first if the refresh delay has passed. */
    public KeyRing current() {
        if (clock.instant().isBefore(nextRead)) {
            return ring;
        }
        return reread();
    }

    private synchronized KeyRing reread() {
        Instant now = clock.instant();
        if (now.isBefore(nextRead)) {
            return ring;
        }
        try {
            ring = KeyRing.parse(source.read(), activeKeyId);
            nextRead = now.plus(refresh);
        } catch (RuntimeException e) {
            // Keep signing and checking with the keys already read; a rotation waits for the next read.
            LOG.warnf("signing keys could not be read again from %s, keeping the current ones: %s", source, e);
            nextRead = now.plus(refresh.compareTo(RETRY_AFTER_FAILURE) < 0 ? refresh : RETRY_AFTER_FAILURE);
        }
        return ring;
    }

    public String activeKeyId() {
        return current().activeKeyId();
    }

    public byte[] secret(String keyId) {
        return current().secret(keyId);
    }
}
