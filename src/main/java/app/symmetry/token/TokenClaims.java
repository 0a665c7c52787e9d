package app.symmetry.token;

import java.time.Instant;
import java.util.Optional;

/**
 * What a verified token says. A unit code ({@code singleUse == false}) is printed on a poster and
 * lives until it is revoked; a link is answered once and expires.
 *
 * @param id the code's or link's own random id: what revocation and spending refer to
 * @param batchId the issuing a link belongs to ({@code issueLinks} gives every link of one call the same):
 *     what {@code revokeLinkBatch} withdraws at once; empty for codes and for links signed before batches
 * @param campaignId the campaign a credential was issued for (a pulse campaign, or later an invitation
 *     campaign); empty when none
 */
public record TokenClaims(
        boolean singleUse,
        Audience audience,
        String unitId,
        String id,
        Optional<Instant> expiresAt,
        Optional<String> batchId,
        Optional<String> campaignId) {

    /** A credential of no batch and no campaign. */
    public TokenClaims(boolean singleUse, Audience audience, String unitId, String id, Optional<Instant> expiresAt) {
        this(singleUse, audience, unitId, id, expiresAt, Optional.empty(), Optional.empty());
    }
}
