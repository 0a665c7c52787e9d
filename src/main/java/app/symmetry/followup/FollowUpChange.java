package app.symmetry.followup;

import java.util.Optional;

import app.symmetry.domain.FollowUpStatus;

/** What {@code updateFollowUp} asks: the follow-up, where it should stand, and a short note. */
public record FollowUpChange(String followUpId, FollowUpStatus status, Optional<String> note) {}
