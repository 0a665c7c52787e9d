package app.symmetry.token;

import java.time.Instant;
import java.util.Optional;

/**
 * What a verified token says. A unit code ({@code singleUse == false}) is printed on a poster and
 * lives until it is revoked; a link is answered once and expires.
 *
 * @param id the code's or link's own random id: what revocation and spending refer to
 */
public record TokenClaims(
        boolean singleUse, Audience audience, String unitId, String id, Optional<Instant> expiresAt) {}
