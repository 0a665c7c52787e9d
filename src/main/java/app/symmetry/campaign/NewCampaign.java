package app.symmetry.campaign;

import java.time.LocalDate;

/** What {@code startPulseCampaign} asks for: the unit, its headcount, the last day answers are taken. */
public record NewCampaign(String unitId, int headcount, LocalDate closesOn) {}
