package app.symmetry.link;

import java.util.OptionalInt;

import app.symmetry.token.Audience;

/** A unit's reusable code; without {@code expiresInDays}, the default lifetime of its audience. */
public record IssueUnitCodeRequest(String unitId, Audience audience, OptionalInt expiresInDays) {
}
