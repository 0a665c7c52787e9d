package app.symmetry.link;

import java.util.Optional;
import java.util.OptionalInt;

import app.symmetry.token.Audience;

/**
 * A unit's reusable code; without {@code expiresInDays}, the default lifetime of its audience. A pulse
 * code belongs to a campaign ({@code campaignId}), a customer code to none.
 */
public record IssueUnitCodeRequest(
        String unitId, Audience audience, OptionalInt expiresInDays, Optional<String> campaignId) {

    public IssueUnitCodeRequest(String unitId, Audience audience, OptionalInt expiresInDays) {
        this(unitId, audience, expiresInDays, Optional.empty());
    }
}
