package app.symmetry.followup;

import java.util.Optional;

import app.symmetry.domain.FollowUpStatus;

/** What {@code listFollowUps} asks: {@code scope} unit, region or org, and its id (none for org). */
public record FollowUpListing(
        String scope, String id, Optional<FollowUpStatus> status, int limit, Optional<String> cursor) {}
