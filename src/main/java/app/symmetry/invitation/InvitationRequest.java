package app.symmetry.invitation;

import java.util.List;
import java.util.Optional;

import app.symmetry.token.Audience;

/**
 * {@code sendInvitations}: one single-use link to one unit's form for each address, in one language;
 * pulse invitations belong to a campaign. The addresses arrive checked (syntax, no duplicates, at most
 * {@link InvitationService#MAX_ADDRESSES}).
 */
public record InvitationRequest(
        String unitId,
        Audience audience,
        Optional<String> language,
        int expiresInDays,
        Optional<String> campaignId,
        List<String> emails) {

    @Override
    public String toString() {
        return "InvitationRequest[unitId=" + unitId + ", audience=" + audience + ", addresses=" + emails.size() + "]";
    }
}
