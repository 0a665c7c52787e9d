package app.symmetry.token;

import java.time.Instant;

import jakarta.inject.Singleton;

import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.storage.RevokedCodeStore;

/**
 * Where a token presented by a form is checked: signature and key, expiry, audience, the unit it
 * names, revocation for long-lived codes, and for links the revocation of their batch. Spending a single-use link is not checked here: it
 * happens in the same write as the answer, so two answers racing on one link cannot both win.
 */
@Singleton
public class TokenCheck {

    private final TokenCodec codec;
    private final OrganisationDirectory directory;
    private final RevokedCodeStore revoked;

    public TokenCheck(TokenCodec codec, OrganisationDirectory directory, RevokedCodeStore revoked) {
        this.codec = codec;
        this.directory = directory;
        this.revoked = revoked;
    }

    public record Access(TokenClaims claims, Unit unit) {}

    /** A token for any audience: what {@code getForm} shows. */
    public Access check(String token, Instant now, String field) {
        TokenClaims claims = codec.verify(token, now, field);
        Unit unit = directory.unit(claims.unitId(), field);
        if (!claims.singleUse() && revoked.isRevoked(claims.id(), now)) {
            throw new SymmetryException(ErrorCode.TOKEN_REVOKED, field, "this code has been withdrawn");
        }
        if (claims.batchId().isPresent()
                && revoked.isBatchRevoked(claims.batchId().get(), now)) {
            throw new SymmetryException(ErrorCode.TOKEN_REVOKED, field, "this link has been withdrawn");
        }
        return new Access(claims, unit);
    }

    /** A token that must be for {@code audience}: a pulse code cannot feed customer figures. */
    public Access check(String token, Audience audience, Instant now, String field) {
        TokenClaims claims = codec.verify(token, now, field);
        if (claims.audience() != audience) {
            throw new SymmetryException(
                    ErrorCode.INVALID_TOKEN,
                    field,
                    "this token is for the " + claims.audience().wireName() + " form, not the " + audience.wireName()
                            + " form");
        }
        return check(token, now, field);
    }
}
