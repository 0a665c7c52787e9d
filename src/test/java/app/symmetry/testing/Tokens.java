package app.symmetry.testing;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import app.symmetry.token.Audience;
import app.symmetry.token.SigningKeys;
import app.symmetry.token.TokenClaims;
import app.symmetry.token.TokenCodec;

/** Tokens a manager could not get from the API: expired ones, ones for units that do not exist. */
@ApplicationScoped
public class Tokens {

    private final TokenCodec codec;

    @Inject
    public Tokens(TokenCodec codec) {
        this.codec = codec;
    }

    /**
     * Signed with the keys of the test configuration, without the application's beans: what a test of
     * the packaged function (another process) uses.
     */
    public static Tokens fromTestConfig() {
        Config config = ConfigProvider.getConfig();
        return new Tokens(new TokenCodec(new SigningKeys(
                config.getOptionalValue("symmetry.token.keys", String.class),
                config.getOptionalValue("symmetry.token.active-key", String.class))));
    }

    public String code(Audience audience, String unitId) {
        return codec.encode(
                new TokenClaims(false, audience, unitId, UUID.randomUUID().toString(), Optional.empty()));
    }

    public String link(Audience audience, String unitId, Instant expiresAt) {
        return codec.encode(
                new TokenClaims(true, audience, unitId, UUID.randomUUID().toString(), Optional.of(expiresAt)));
    }
}
