package app.symmetry.campaign;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A pulse campaign as started: its id is what {@code issueUnitCode} and {@code issueLinks} take for a pulse. */
@RegisterForReflection
public record StartedCampaign(
        String campaignId, String unitId, int headcount, String closesOn, String createdBy, String createdAt) {}
