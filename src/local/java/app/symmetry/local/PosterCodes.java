package app.symmetry.local;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.profile.IfBuildProfile;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import app.symmetry.error.SymmetryException;
import app.symmetry.link.IssueUnitCodeRequest;
import app.symmetry.link.LinkService;
import app.symmetry.link.UnitCode;
import app.symmetry.storage.Dynamo;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.token.Audience;
import app.symmetry.token.TokenCheck;

/**
 * One customer code per unit for its posters, kept in the table ({@code LOCAL#poster-code#unitId}).
 * <p>
 * Why one stable code rather than a fresh one per download: a poster printed last week and one
 * printed today carry the same code, so a unit has one code to revoke when a poster is misused; and
 * the poster route needs no API key (a browser link cannot send one, and a code printed on a wall is
 * public anyway), so it must not hand out a new code to whoever asks. When the stored code no longer
 * verifies (revoked, expired, signed with a retired key), the next poster gets a new one. The form
 * URL is rebuilt from the token each time, so it follows {@code symmetry.public-url}.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class PosterCodes {

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;
    private final LinkService links;
    private final TokenCheck tokens;
    private final Clock clock;

    public PosterCodes(Dynamo dynamo, SymmetryTable table, LinkService links, TokenCheck tokens, Clock clock) {
        this.dynamo = dynamo.client();
        this.table = table;
        this.links = links;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The unit's poster code: its token and form URL. Throws {@code unknown_unit} for an unknown unit. */
    public PosterCode forUnit(String unitId) {
        Map<String, AttributeValue> key = Map.of(
                SymmetryTable.PK,
                AttributeValue.fromS("LOCAL#poster-code#" + unitId),
                SymmetryTable.SK,
                AttributeValue.fromS("-"));
        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(table.name()).key(key).consistentRead(true))
                .item();
        String stale = null;
        if (item != null && item.containsKey("token")) {
            String token = item.get("token").s();
            try {
                tokens.check(token, Audience.CUSTOMER, clock.instant(), "token");
                return new PosterCode(unitId, token, links.formUrl(token));
            } catch (SymmetryException noLongerValid) {
                stale = token;
            }
        }
        UnitCode fresh = links.issueUnitCode(new IssueUnitCodeRequest(unitId, Audience.CUSTOMER, OptionalInt.empty()));
        Map<String, AttributeValue> stored = new HashMap<>(key);
        stored.put("token", AttributeValue.fromS(fresh.token()));
        stored.put("codeId", AttributeValue.fromS(fresh.codeId()));
        stored.put("issuedAt", AttributeValue.fromS(clock.instant().toString()));
        try {
            if (stale == null) {
                dynamo.putItem(
                        b -> b.tableName(table.name()).item(stored).conditionExpression("attribute_not_exists(pk)"));
            } else {
                String replaced = stale;
                dynamo.putItem(b -> b.tableName(table.name())
                        .item(stored)
                        .conditionExpression("#t = :stale")
                        .expressionAttributeNames(Map.of("#t", "token"))
                        .expressionAttributeValues(Map.of(":stale", AttributeValue.fromS(replaced))));
            }
        } catch (ConditionalCheckFailedException raced) {
            return forUnit(unitId); // another request stored one first: use that one
        }
        return new PosterCode(unitId, fresh.token(), fresh.url());
    }

    public record PosterCode(String unitId, String token, String url) {}
}
