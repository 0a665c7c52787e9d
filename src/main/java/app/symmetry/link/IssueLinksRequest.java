package app.symmetry.link;

import app.symmetry.token.Audience;

/** {@code count} single-use links to one unit's form, each valid for {@code expiresInDays}. */
public record IssueLinksRequest(String unitId, Audience audience, int count, int expiresInDays) {
}
