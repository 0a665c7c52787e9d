package app.symmetry.function.request;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import app.symmetry.link.IssueLinksRequest;
import app.symmetry.link.IssueUnitCodeRequest;
import app.symmetry.token.Audience;
import app.symmetry.token.TokenCodec;

/** Reads the requests of the link functions: what to issue, and the token to describe or revoke. */
public final class LinkRequests {

    public static final int MAX_LINKS = 1000;
    public static final List<String> ISSUE_LINKS_FIELDS =
            List.of("unitId", "kind", "campaignId", "count", "expiresInDays");
    public static final List<String> ISSUE_UNIT_CODE_FIELDS = List.of("unitId", "kind", "campaignId", "expiresInDays");
    public static final List<String> GET_FORM_FIELDS = List.of("token");
    public static final List<String> REVOKE_FIELDS = List.of("token");
    public static final List<String> REVOKE_BATCH_FIELDS = List.of("batchId");
    private static final Pattern BATCH_ID = Pattern.compile("^[A-Za-z0-9_-]{16}$");
    private static final Set<String> KINDS = Set.of("customer", "pulse");

    private LinkRequests() {}

    public static IssueLinksRequest issueLinks(Map<String, ?> request) {
        InputFields in = InputFields.of(request, ISSUE_LINKS_FIELDS.toArray(String[]::new));
        String unitId = in.requiredString("unitId", 128);
        Audience audience = audience(in.requiredChoice("kind", KINDS));
        Optional<String> campaignId = campaign(in, audience);
        return new IssueLinksRequest(
                unitId,
                audience,
                in.optionalInt("count", 1, MAX_LINKS).orElse(1),
                in.optionalInt("expiresInDays", 1, 366).orElse(30),
                campaignId);
    }

    public static IssueUnitCodeRequest issueUnitCode(Map<String, ?> request) {
        InputFields in = InputFields.of(request, ISSUE_UNIT_CODE_FIELDS.toArray(String[]::new));
        String unitId = in.requiredString("unitId", 128);
        Audience audience = audience(in.requiredChoice("kind", KINDS));
        Optional<String> campaignId = campaign(in, audience);
        return new IssueUnitCodeRequest(unitId, audience, in.optionalInt("expiresInDays", 1, 3660), campaignId);
    }

    /** The token of {@code getForm}, in the request body (never a query string: logs keep those). */
    public static String formToken(Map<String, ?> body) {
        return InputFields.of(body, GET_FORM_FIELDS.toArray(String[]::new))
                .requiredString("token", TokenCodec.MAX_TOKEN_LENGTH);
    }

    /** The batch of {@code revokeLinkBatch}: the id {@code issueLinks} answered (16 URL-safe base64 characters). */
    public static String revokedBatch(Map<String, ?> request) {
        InputFields in = InputFields.of(request, REVOKE_BATCH_FIELDS.toArray(String[]::new));
        String batchId = in.requiredString("batchId", 64);
        if (!BATCH_ID.matcher(batchId).matches()) {
            throw in.invalid("batchId", "a batch id is the 16 characters issueLinks answered as batchId");
        }
        return batchId;
    }

    public static String revokedToken(Map<String, ?> request) {
        return InputFields.of(request, REVOKE_FIELDS.toArray(String[]::new))
                .requiredString("token", TokenCodec.MAX_TOKEN_LENGTH);
    }

    /** Pulse credentials belong to a campaign (startPulseCampaign); customer ones to none. */
    private static Optional<String> campaign(InputFields in, Audience audience) {
        Optional<String> id = in.optionalString("campaignId", 16);
        if (audience == Audience.PULSE && id.isEmpty()) {
            throw in.missing("campaignId");
        }
        if (audience == Audience.CUSTOMER && id.isPresent()) {
            throw in.invalid("campaignId", "customer codes and links belong to no campaign");
        }
        return id;
    }

    private static Audience audience(String kind) {
        return "pulse".equals(kind) ? Audience.PULSE : Audience.CUSTOMER;
    }
}
