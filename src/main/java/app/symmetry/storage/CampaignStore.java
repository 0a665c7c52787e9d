package app.symmetry.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Pulse campaigns: {@code CAMPAIGN#id} / {@code -} holds the unit, its headcount, the closing day,
 * who started it and when, how many credentials were issued and how many answers were accepted. The
 * accepted count is raised in the answer's own transaction ({@link AnswerStore}), on the condition
 * that it stays under the headcount. Each issuing of credentials is its own record,
 * {@code CAMPAIGN#id} / {@code ISSUED#time#random}: who, when, what, how many.
 */
@ApplicationScoped
public class CampaignStore {

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;

    public CampaignStore(Dynamo dynamo, SymmetryTable table) {
        this.dynamo = dynamo.client();
        this.table = table;
    }

    public record StoredCampaign(
            String id,
            String unitId,
            int headcount,
            LocalDate closesOn,
            String createdBy,
            Instant createdAt,
            long issued,
            long accepted) {}

    public record Issuing(String kind, int count, String issuedBy, Instant issuedAt) {}

    public void start(StoredCampaign campaign) {
        Map<String, AttributeValue> item = new HashMap<>(SymmetryTable.campaign(campaign.id()));
        item.put("unitId", AttributeValue.fromS(campaign.unitId()));
        // A unit's campaigns, by closing day, for the snapshots that count their credentials.
        item.put(SymmetryTable.GPK, AttributeValue.fromS(SymmetryTable.campaignsOfUnit(campaign.unitId())));
        item.put(SymmetryTable.GSK, AttributeValue.fromS(campaign.closesOn() + "#" + campaign.id()));
        item.put("headcount", AttributeValue.fromN(Integer.toString(campaign.headcount())));
        item.put("closesOn", AttributeValue.fromS(campaign.closesOn().toString()));
        item.put("createdBy", AttributeValue.fromS(campaign.createdBy()));
        item.put("createdAt", AttributeValue.fromS(campaign.createdAt().toString()));
        item.put("issued", AttributeValue.fromN("0"));
        item.put("accepted", AttributeValue.fromN("0"));
        StorageOperation.CAMPAIGN_WRITE.run(() -> dynamo.putItem(
                b -> b.tableName(table.name()).item(item).conditionExpression("attribute_not_exists(pk)")));
    }

    /** A unit's campaigns that close on {@code from} or later. */
    public List<StoredCampaign> ofUnitClosingFrom(String unitId, LocalDate from) {
        return StorageOperation.READ.call(() -> dynamo
                .queryPaginator(b -> b.tableName(table.name())
                        .indexName(SymmetryTable.BY_PERIOD)
                        .keyConditionExpression("gpk = :g AND gsk >= :from")
                        .expressionAttributeValues(Map.of(
                                ":g",
                                AttributeValue.fromS(SymmetryTable.campaignsOfUnit(unitId)),
                                ":from",
                                AttributeValue.fromS(from.toString()))))
                .items()
                .stream()
                .map(CampaignStore::read)
                .toList());
    }

    public Optional<StoredCampaign> find(String id) {
        return StorageOperation.READ.call(() -> {
            var response = dynamo.getItem(b ->
                    b.tableName(table.name()).key(SymmetryTable.campaign(id)).consistentRead(true));
            if (!response.hasItem()) {
                return Optional.<StoredCampaign>empty();
            }
            return Optional.of(read(response.item()));
        });
    }

    private static StoredCampaign read(Map<String, AttributeValue> i) {
        return new StoredCampaign(
                SymmetryTable.campaignIdOf(i),
                i.get("unitId").s(),
                Integer.parseInt(i.get("headcount").n()),
                LocalDate.parse(i.get("closesOn").s()),
                i.get("createdBy").s(),
                Instant.parse(i.get("createdAt").s()),
                Long.parseLong(i.get("issued").n()),
                Long.parseLong(i.get("accepted").n()));
    }

    /** The issuing's record and the campaign's issued count, together: no credential leaves unrecorded. */
    public void recordIssuing(String campaignId, Issuing issuing) {
        Map<String, AttributeValue> record = new HashMap<>(SymmetryTable.campaignIssuing(
                campaignId, issuing.issuedAt(), UUID.randomUUID().toString()));
        record.put("kind", AttributeValue.fromS(issuing.kind()));
        record.put("count", AttributeValue.fromN(Integer.toString(issuing.count())));
        record.put("issuedBy", AttributeValue.fromS(issuing.issuedBy()));
        record.put("issuedAt", AttributeValue.fromS(issuing.issuedAt().toString()));
        StorageOperation.CAMPAIGN_WRITE.run(() -> dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder()
                        .put(Put.builder()
                                .tableName(table.name())
                                .item(record)
                                .conditionExpression("attribute_not_exists(pk)")
                                .build())
                        .build(),
                TransactWriteItem.builder()
                        .update(Update.builder()
                                .tableName(table.name())
                                .key(SymmetryTable.campaign(campaignId))
                                .updateExpression("ADD issued :n")
                                .conditionExpression("attribute_exists(pk)")
                                .expressionAttributeValues(
                                        Map.of(":n", AttributeValue.fromN(Integer.toString(issuing.count()))))
                                .build())
                        .build())));
    }

    /** Every issuing of one campaign, oldest first. */
    public List<Issuing> issuings(String campaignId) {
        return StorageOperation.READ.call(() -> dynamo
                .queryPaginator(b -> b.tableName(table.name())
                        .consistentRead(true)
                        .keyConditionExpression("pk = :p AND begins_with(sk, :s)")
                        .expressionAttributeValues(Map.of(
                                ":p",
                                AttributeValue.fromS(SymmetryTable.campaignPartition(campaignId)),
                                ":s",
                                AttributeValue.fromS(SymmetryTable.CAMPAIGN_ISSUED))))
                .items()
                .stream()
                .map(i -> new Issuing(
                        i.get("kind").s(),
                        Integer.parseInt(i.get("count").n()),
                        i.get("issuedBy").s(),
                        Instant.parse(i.get("issuedAt").s())))
                .toList());
    }

    /** The answer's share of its transaction: one more accepted answer, never past the headcount. */
    static TransactWriteItem acceptOneMore(String tableName, String campaignId) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(tableName)
                        .key(SymmetryTable.campaign(campaignId))
                        .updateExpression("ADD accepted :one")
                        .conditionExpression("attribute_exists(pk) AND accepted < headcount")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                        .build())
                .build();
    }
}
