package app.symmetry.storage;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.testing.DynamoDbLocalResource;

/**
 * A pulse campaign put straight into DynamoDB Local through the test's own client, item for item as
 * {@link CampaignStore#start} writes it: for the tests of functions other than
 * {@code startPulseCampaign}, which also run against the packaged function, where no HTTP binding can
 * start one.
 */
public final class StoredCampaigns {

    private static final SecureRandom RANDOM = new SecureRandom();

    private StoredCampaigns() {}

    /** A new open campaign of the unit; its id. */
    public static String open(String unitId, int headcount, LocalDate closesOn) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Map<String, AttributeValue> item = new HashMap<>(SymmetryTable.campaign(id));
        item.put("unitId", AttributeValue.fromS(unitId));
        item.put(SymmetryTable.GPK, AttributeValue.fromS(SymmetryTable.campaignsOfUnit(unitId)));
        item.put(SymmetryTable.GSK, AttributeValue.fromS(closesOn + "#" + id));
        item.put("headcount", AttributeValue.fromN(Integer.toString(headcount)));
        item.put("closesOn", AttributeValue.fromS(closesOn.toString()));
        item.put("createdBy", AttributeValue.fromS("test"));
        item.put(
                "createdAt",
                AttributeValue.fromS(
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        item.put("issued", AttributeValue.fromN("0"));
        item.put("accepted", AttributeValue.fromN("0"));
        DynamoDbLocalResource.client()
                .putItem(b -> b.tableName(DynamoDbLocalResource.TABLE)
                        .item(item)
                        .conditionExpression("attribute_not_exists(pk)"));
        return id;
    }
}
