package app.symmetry.link;

import java.util.Optional;

import app.symmetry.token.Audience;

/**
 * {@code count} single-use links to one unit's form, each valid for {@code expiresInDays}; pulse links
 * belong to a campaign ({@code campaignId}), customer links to none.
 */
public record IssueLinksRequest(
        String unitId, Audience audience, int count, int expiresInDays, Optional<String> campaignId) {}
