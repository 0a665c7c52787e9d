package app.symmetry.function.request;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import app.symmetry.campaign.NewCampaign;
import app.symmetry.campaign.PulseCampaigns;

/** Reads {@code startPulseCampaign}: a unit, its headcount, a closing day. */
public final class CampaignRequests {

    public static final List<String> START_FIELDS = List.of("unitId", "headcount", "closesOn");

    private CampaignRequests() {}

    public static NewCampaign start(Map<String, ?> request) {
        InputFields in = InputFields.of(request, START_FIELDS.toArray(String[]::new));
        String unitId = in.requiredString("unitId", 128);
        int headcount = in.requiredInt("headcount", 1, PulseCampaigns.MAX_HEADCOUNT);
        String closing = in.requiredString("closesOn", 10);
        try {
            return new NewCampaign(unitId, headcount, LocalDate.parse(closing));
        } catch (DateTimeParseException e) {
            throw in.invalid("closesOn", "closesOn is a day such as 2026-12-31");
        }
    }
}
