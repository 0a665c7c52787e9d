package app.symmetry.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import app.symmetry.SymmetryConfig;
import app.symmetry.error.SymmetryException;
import app.symmetry.testing.MotoServer;

/**
 * Where the signing keys come from: a Secrets Manager secret read at run time (moto_server, a real
 * endpoint), re-read after a refresh delay so that a rotation needs no redeploy; plain keys only in
 * %dev and %test.
 */
class SigningKeysTest {

    static final String KEY_A = "a:" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=";
    static final String KEY_B = "b:" + "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=";

    /** A clock the test moves: the refresh delay passes when the test says so. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static SymmetryConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withMapping(SymmetryConfig.class)
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build()
                .getConfigMapping(SymmetryConfig.class);
    }

    @Test
    void aDeploymentWithNoKeySecretRefusesToStart() {
        assertThatThrownBy(() -> SigningKeys.sourceFor(config(Map.of()), List.of("prod")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("symmetry.token.secret-id");
    }

    @Test
    void theDevelopmentKeyNeverSignsInADeployment() {
        String devKeys = "dev1:ZGV2LW9ubHktc2lnbmluZy1rZXktZm9yLWxvY2FsLXJ1bnMtb25seQ==";
        assertThatThrownBy(() -> SigningKeys.sourceFor(config(Map.of("symmetry.token.keys", devKeys)), List.of("prod")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only %dev and %test");
        // even beside a secret: plain keys in a deployment's configuration are a mistake, not a fallback
        assertThatThrownBy(() -> SigningKeys.sourceFor(
                        config(Map.of(
                                "symmetry.token.keys", devKeys, "symmetry.token.secret-id", "symmetry/token-keys")),
                        List.of("prod")))
                .isInstanceOf(IllegalStateException.class);
        // %dev and %test sign with it
        assertThat(SigningKeys.sourceFor(config(Map.of("symmetry.token.keys", devKeys)), List.of("dev"))
                        .read())
                .isEqualTo(devKeys);
    }

    @Test
    void aRotatedSecretReachesAWarmFunctionWithoutARedeploy() {
        MotoServer moto = MotoServer.instance();
        String secretId = moto.createSecret("token-keys", KEY_A);
        MovingClock clock = new MovingClock();
        SigningKeys keys = new SigningKeys(
                new KeySecret(moto.secrets(), secretId), Duration.ofMinutes(5), clock, Optional.empty());
        TokenCodec codec = new TokenCodec(keys);
        String signedByA = codec.encode(link());
        assertThat(signedByA).startsWith("a.");

        // the operator puts a new key first, keeping the old one so that its links still verify
        moto.secrets().putSecretValue(b -> b.secretId(secretId).secretString(KEY_B + "," + KEY_A));
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertThat(codec.encode(link())).as("within the refresh delay").startsWith("a.");
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(codec.encode(link())).as("after it").startsWith("b.");
        assertThat(codec.verify(signedByA, clock.now, "token").unitId()).isEqualTo("paris-opera");

        // dropping the old key withdraws everything it signed
        moto.secrets().putSecretValue(b -> b.secretId(secretId).secretString(KEY_B));
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThatThrownBy(() -> codec.verify(signedByA, clock.now, "token"))
                .isInstanceOf(SymmetryException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void aSecretsManagerOutageKeepsTheKeysAlreadyRead() {
        MotoServer moto = MotoServer.instance();
        String secretId = moto.createSecret("token-keys", KEY_A);
        MovingClock clock = new MovingClock();
        SigningKeys keys = new SigningKeys(
                new KeySecret(moto.secrets(), secretId), Duration.ofMinutes(5), clock, Optional.empty());
        TokenCodec codec = new TokenCodec(keys);
        String token = codec.encode(link());
        moto.secrets().deleteSecret(b -> b.secretId(secretId).forceDeleteWithoutRecovery(true));
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertThat(codec.verify(token, clock.now, "token").id()).isEqualTo(link().id());
        assertThat(codec.encode(link())).startsWith("a.");
    }

    @Test
    void aFunctionThatCannotReadItsKeysFailsItsInit() {
        MotoServer moto = MotoServer.instance();
        assertThatThrownBy(() -> new SigningKeys(
                        new KeySecret(moto.secrets(), "no-such-secret-" + UUID.randomUUID()),
                        Duration.ofMinutes(5),
                        Clock.systemUTC(),
                        Optional.empty()))
                .isInstanceOf(RuntimeException.class);
    }

    private static TokenClaims link() {
        return new TokenClaims(
                true, Audience.CUSTOMER, "paris-opera", "link-1", Optional.of(Instant.parse("2027-01-01T00:00:00Z")));
    }
}
