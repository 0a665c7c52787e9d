package app.symmetry.testing;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import app.symmetry.storage.StoredCampaigns;

/** Pulse credentials belong to a campaign: the tests that are not about campaigns start a roomy one. */
public final class Campaigns {

    private Campaigns() {}

    /** A new campaign of the unit, started with the admin key; its id. */
    public static String open(URL base, String unitId, int headcount, LocalDate closesOn) {
        return Api.manager(base)
                .body(Map.of("unitId", unitId, "headcount", headcount, "closesOn", closesOn.toString()))
                .post("/startPulseCampaign")
                .then()
                .statusCode(200)
                .extract()
                .path("campaignId");
    }

    /** The body of an issueUnitCode / issueLinks request; a pulse one names a campaign closing 300 days after {@code today}. */
    public static Map<String, Object> credential(
            URL base, String unitId, String kind, LocalDate today, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unitId", unitId);
        body.put("kind", kind);
        if ("pulse".equals(kind)) {
            body.put("campaignId", open(base, unitId, 10_000, today.plusDays(300)));
        }
        for (int i = 0; i + 1 < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    /**
     * A roomy open campaign of the unit closing in 300 days, stored without any function: for a test
     * that also runs against the packaged function (a Lambda serves one function, and has no HTTP binding).
     */
    public static String stored(String unitId) {
        return StoredCampaigns.open(
                unitId, 10_000, LocalDate.now(ZoneOffset.UTC).plusDays(300));
    }

    /** The same, on the real clock. */
    public static Map<String, Object> credential(URL base, String unitId, String kind, Object... more) {
        return credential(base, unitId, kind, LocalDate.now(ZoneOffset.UTC), more);
    }
}
