package app.symmetry.function;

import java.time.LocalDate;
import java.util.Map;

import io.quarkus.funqy.Funq;

import app.symmetry.access.Access;
import app.symmetry.access.Role;
import app.symmetry.campaign.CampaignList;
import app.symmetry.campaign.PulseCampaigns;
import app.symmetry.campaign.StartedCampaign;
import app.symmetry.function.request.CampaignRequests;

/** Pulse campaigns (hr and admin): the headcount that bounds a unit's pulse answers. */
public class CampaignFunctions {

    private final Access access;
    private final PulseCampaigns campaigns;

    public CampaignFunctions(Access access, PulseCampaigns campaigns) {
        this.access = access;
        this.campaigns = campaigns;
    }

    @Funq
    public StartedCampaign startPulseCampaign(Map<String, Object> request) {
        Access.Authorized in = access.authorize(request, Role.ADMIN, Role.HR);
        access.requireUnit(in.caller(), in.body() == null ? null : in.body().get("unitId"), "unitId");
        return campaigns.start(in.caller().keyId(), CampaignRequests.start(in.body()));
    }

    /** A unit's campaigns and who issued their credentials (hr and admin, within the key's scope). */
    @Funq
    public CampaignList listCampaigns(Map<String, String> query) {
        Access.Authorized in = access.authorize(query, Role.ADMIN, Role.HR);
        String unitId = CampaignRequests.listedUnit(in.body());
        LocalDate from = CampaignRequests.closingFrom(in.body());
        access.requireUnit(in.caller(), unitId, "unitId");
        return campaigns.list(unitId, from);
    }
}
