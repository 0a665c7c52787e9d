package app.symmetry.testing;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import app.symmetry.token.Audience;
import app.symmetry.token.TokenClaims;
import app.symmetry.token.TokenCodec;

/** Tokens a manager could not get from the API: expired ones, ones for units that do not exist. */
@ApplicationScoped
public class Tokens {

    private final TokenCodec codec;

    public Tokens(TokenCodec codec) {
        this.codec = codec;
    }

    public String code(Audience audience, String unitId) {
        return codec.encode(new TokenClaims(false, audience, unitId, UUID.randomUUID().toString(), Optional.empty()));
    }

    public String link(Audience audience, String unitId, Instant expiresAt) {
        return codec.encode(new TokenClaims(true, audience, unitId, UUID.randomUUID().toString(), Optional.of(expiresAt)));
    }
}
