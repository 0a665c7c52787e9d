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
    public static final List<String> LIST_FIELDS = List.of("unitId", "closingFrom");
    /** Before any campaign closes: no {@code closingFrom} lists every campaign of the unit. */
    public static final LocalDate EVERY_CAMPAIGN = LocalDate.of(2000, 1, 1);

    /** The unit of {@code listCampaigns}. */
    public static String listedUnit(Map<String, ?> query) {
        return InputFields.ofQuery(query, LIST_FIELDS.toArray(String[]::new)).requiredString("unitId", 128);
    }

    /** From which closing day {@code listCampaigns} lists. */
    public static LocalDate closingFrom(Map<String, ?> query) {
        InputFields in = InputFields.ofQuery(query, LIST_FIELDS.toArray(String[]::new));
        try {
            return in.optionalString("closingFrom", 10).map(LocalDate::parse).orElse(EVERY_CAMPAIGN);
        } catch (DateTimeParseException e) {
            throw in.invalid("closingFrom", "closingFrom is a day such as 2026-12-31");
        }
    }

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
