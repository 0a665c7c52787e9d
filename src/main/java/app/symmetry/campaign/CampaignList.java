package app.symmetry.campaign;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A unit's pulse campaigns with every issuing of their credentials (who, when, code or links, how
 * many). Not how many answers each took: that count moves one answer at a time while a campaign is
 * open, and whoever issued the links knows whom they went to.
 */
@RegisterForReflection
public record CampaignList(List<Campaign> items) {

    @RegisterForReflection
    public record Campaign(
            String campaignId,
            String unitId,
            int headcount,
            String closesOn,
            String createdBy,
            String createdAt,
            long issued,
            List<Issuing> issuings) {}

    @RegisterForReflection
    public record Issuing(String kind, int count, String issuedBy, String issuedAt) {}
}
