package app.symmetry.answer;

import java.util.Optional;

import app.symmetry.domain.Period;

/** Which comments a {@code listComments} call asks for: a unit's, a region's or the organisation's, of one period. */
public record CommentListing(String scope, String id, Period period, int limit, Optional<String> cursor) {}
