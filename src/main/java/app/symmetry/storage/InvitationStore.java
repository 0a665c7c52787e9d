package app.symmetry.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Invitation batches, and the keyed hashes that refuse a second invitation to the same campaign.
 * <ul>
 * <li>{@code INVITES#batch} / {@code -}: the unit, kind, language, campaign, when its links expire, who
 * sent it and when, how many addresses.</li>
 * <li>{@code INVITES#batch} / {@code TO#0007}: one per address, by its place in the request: its state
 * ({@code queued → sending → sent | failed | skipped}), the reason of a failure, the attempts, SES's
 * message id, and the address masked ({@code j…@example.com}); never the address, never its link.</li>
 * <li>{@code INVITED#hash} / {@code -}: an address invited to a campaign, as a keyed hash, with the batch
 * and place that claimed it; it expires with the campaign.</li>
 * </ul>
 * Each state change is conditional on the state before it, so two deliveries of the same queue message
 * never both send: the idempotency of the sender.
 */
@ApplicationScoped
public class InvitationStore {

    public static final String QUEUED = "queued";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;

    public InvitationStore(Dynamo dynamo, SymmetryTable table) {
        this.dynamo = dynamo.client();
        this.table = table;
    }

    public record Batch(
            String batchId,
            String unitId,
            String kind,
            String language,
            Optional<String> campaignId,
            Instant linksExpireAt,
            Instant dedupeUntil,
            String linkOrigin,
            String createdBy,
            Instant createdAt,
            int total) {}

    public record Recipient(
            int index,
            String maskedAddress,
            String state,
            Optional<String> reason,
            int attempts,
            Optional<Instant> claimedAt,
            Optional<String> messageId) {}

    /** The batch and its addresses, all queued; kept until {@code keepUntil}. */
    public void record(Batch batch, List<String> maskedAddresses, Instant keepUntil) {
        String ttl = Long.toString(keepUntil.getEpochSecond());
        List<WriteRequest> writes = new ArrayList<>(maskedAddresses.size());
        for (int i = 0; i < maskedAddresses.size(); i++) {
            Map<String, AttributeValue> item = new HashMap<>(SymmetryTable.invitationRecipient(batch.batchId(), i));
            item.put("state", AttributeValue.fromS(QUEUED));
            item.put("masked", AttributeValue.fromS(maskedAddresses.get(i)));
            item.put("attempts", AttributeValue.fromN("0"));
            item.put(SymmetryTable.TTL, AttributeValue.fromN(ttl));
            writes.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(item).build())
                    .build());
        }
        Map<String, AttributeValue> header = new HashMap<>(SymmetryTable.invitationBatch(batch.batchId()));
        header.put("unitId", AttributeValue.fromS(batch.unitId()));
        header.put("kind", AttributeValue.fromS(batch.kind()));
        header.put("language", AttributeValue.fromS(batch.language()));
        batch.campaignId().ifPresent(c -> header.put("campaignId", AttributeValue.fromS(c)));
        header.put("linksExpireAt", AttributeValue.fromS(batch.linksExpireAt().toString()));
        header.put("dedupeUntil", AttributeValue.fromS(batch.dedupeUntil().toString()));
        header.put("linkOrigin", AttributeValue.fromS(batch.linkOrigin()));
        header.put("createdBy", AttributeValue.fromS(batch.createdBy()));
        header.put("createdAt", AttributeValue.fromS(batch.createdAt().toString()));
        header.put("total", AttributeValue.fromN(Integer.toString(batch.total())));
        header.put(SymmetryTable.TTL, AttributeValue.fromN(ttl));
        StorageOperation.INVITATION_WRITE.run(() -> {
            for (List<WriteRequest> group : Batches.of(writes, 25)) {
                Batches.untilProcessed(
                        BatchWriteItemRequest.builder()
                                .requestItems(Map.of(table.name(), group))
                                .build(),
                        request -> {
                            Map<String, List<WriteRequest>> left =
                                    dynamo.batchWriteItem(request).unprocessedItems();
                            return request.toBuilder().requestItems(left).build();
                        },
                        request -> request.requestItems().isEmpty()
                                || request.requestItems().values().stream().allMatch(List::isEmpty));
            }
            // the header last: a batch that can be read has all its addresses
            dynamo.putItem(b -> b.tableName(table.name()).item(header));
        });
    }

    public Optional<Batch> batch(String batchId) {
        Map<String, AttributeValue> item =
                StorageOperation.READ.call(() -> dynamo.getItem(b -> b.tableName(table.name())
                                .key(SymmetryTable.invitationBatch(batchId))
                                .consistentRead(true))
                        .item());
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Batch(
                batchId,
                item.get("unitId").s(),
                item.get("kind").s(),
                item.get("language").s(),
                Optional.ofNullable(item.get("campaignId")).map(AttributeValue::s),
                Instant.parse(item.get("linksExpireAt").s()),
                Instant.parse(item.get("dedupeUntil").s()),
                item.get("linkOrigin").s(),
                item.get("createdBy").s(),
                Instant.parse(item.get("createdAt").s()),
                Integer.parseInt(item.get("total").n())));
    }

    /** Every address of a batch, in the request's order. */
    public List<Recipient> recipients(String batchId) {
        return StorageOperation.READ.call(() -> dynamo
                .queryPaginator(b -> b.tableName(table.name())
                        .consistentRead(true)
                        .keyConditionExpression("pk = :p AND begins_with(sk, :to)")
                        .expressionAttributeValues(Map.of(
                                ":p",
                                AttributeValue.fromS(SymmetryTable.invitationBatchPartition(batchId)),
                                ":to",
                                AttributeValue.fromS(SymmetryTable.RECIPIENT))))
                .items()
                .stream()
                .map(InvitationStore::recipient)
                .toList());
    }

    public Optional<Recipient> recipient(String batchId, int index) {
        Map<String, AttributeValue> item =
                StorageOperation.DELIVERY.call(() -> dynamo.getItem(b -> b.tableName(table.name())
                                .key(SymmetryTable.invitationRecipient(batchId, index))
                                .consistentRead(true))
                        .item());
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(recipient(item));
    }

    /** A claim on an address: taken (with its attempt number), or refused with the address as it is. */
    public record Claim(boolean taken, int attempt, Optional<Recipient> current) {}

    /** Takes an address to send to: {@code queued → sending}, one attempt more, only if it is still queued. */
    public Claim claim(String batchId, int index, Instant now) {
        Optional<Integer> attempt = StorageOperation.DELIVERY.call(() -> {
            try {
                Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName(table.name())
                                .key(SymmetryTable.invitationRecipient(batchId, index))
                                .updateExpression("SET #s = :sending, claimedAt = :now ADD attempts :one")
                                .conditionExpression("#s = :queued")
                                .returnValues(ReturnValue.UPDATED_NEW)
                                .expressionAttributeNames(Map.of("#s", "state"))
                                .expressionAttributeValues(Map.of(
                                        ":sending", AttributeValue.fromS(SENDING),
                                        ":queued", AttributeValue.fromS(QUEUED),
                                        ":now", AttributeValue.fromS(now.toString()),
                                        ":one", AttributeValue.fromN("1"))))
                        .attributes();
                return Optional.of(Integer.parseInt(updated.get("attempts").n()));
            } catch (ConditionalCheckFailedException refused) {
                return Optional.<Integer>empty();
            }
        });
        if (attempt.isPresent()) {
            return new Claim(true, attempt.get(), Optional.empty());
        }
        return new Claim(false, 0, recipient(batchId, index));
    }

    /** {@code sending →} a final state, or back to {@code queued} for another attempt. */
    public void settle(String batchId, int index, String state, Optional<String> reason, Optional<String> messageId) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", AttributeValue.fromS(state));
        values.put(":sending", AttributeValue.fromS(SENDING));
        StringBuilder update = new StringBuilder("SET #s = :state");
        reason.ifPresent(r -> {
            values.put(":reason", AttributeValue.fromS(r));
            update.append(", reason = :reason");
        });
        messageId.ifPresent(m -> {
            values.put(":message", AttributeValue.fromS(m));
            update.append(", messageId = :message");
        });
        StorageOperation.DELIVERY.run(() -> {
            try {
                dynamo.updateItem(b -> b.tableName(table.name())
                        .key(SymmetryTable.invitationRecipient(batchId, index))
                        .updateExpression(update.toString())
                        .conditionExpression("#s = :sending")
                        .expressionAttributeNames(Map.of("#s", "state"))
                        .expressionAttributeValues(values));
            } catch (ConditionalCheckFailedException e) {
                // settled already by the attempt that claimed it: nothing to change
            }
        });
    }

    /**
     * Claims an address for a campaign: true if nobody holds it, its earlier holder expired, or this very
     * batch and place hold it already (a redelivered message).
     */
    public boolean claimAddress(String recipientHash, String batchId, int index, Instant until, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(SymmetryTable.invited(recipientHash));
        item.put("batchId", AttributeValue.fromS(batchId));
        item.put("place", AttributeValue.fromN(Integer.toString(index)));
        item.put(SymmetryTable.TTL, AttributeValue.fromN(Long.toString(until.getEpochSecond())));
        return StorageOperation.DELIVERY.call(() -> {
            try {
                dynamo.putItem(b -> b.tableName(table.name())
                        .item(item)
                        .conditionExpression(
                                "attribute_not_exists(pk) OR #ttl < :now OR (batchId = :b AND place = :place)")
                        .expressionAttributeNames(Map.of("#ttl", SymmetryTable.TTL))
                        .expressionAttributeValues(Map.of(
                                ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                                ":b", AttributeValue.fromS(batchId),
                                ":place", AttributeValue.fromN(Integer.toString(index)))));
                return true;
            } catch (ConditionalCheckFailedException taken) {
                return false;
            }
        });
    }

    /** Frees an address whose invitation could not be sent, so that a later batch may invite it. */
    public void releaseAddress(String recipientHash, String batchId, int index) {
        StorageOperation.DELIVERY.run(() -> {
            try {
                dynamo.deleteItem(b -> b.tableName(table.name())
                        .key(SymmetryTable.invited(recipientHash))
                        .conditionExpression("batchId = :b AND place = :place")
                        .expressionAttributeValues(Map.of(
                                ":b", AttributeValue.fromS(batchId),
                                ":place", AttributeValue.fromN(Integer.toString(index)))));
            } catch (ConditionalCheckFailedException e) {
                // another batch holds it now
            }
        });
    }

    private static Recipient recipient(Map<String, AttributeValue> item) {
        return new Recipient(
                Integer.parseInt(item.get(SymmetryTable.SK).s().substring(SymmetryTable.RECIPIENT.length())),
                item.get("masked").s(),
                item.get("state").s(),
                Optional.ofNullable(item.get("reason")).map(AttributeValue::s),
                Integer.parseInt(item.get("attempts").n()),
                Optional.ofNullable(item.get("claimedAt")).map(a -> Instant.parse(a.s())),
                Optional.ofNullable(item.get("messageId")).map(AttributeValue::s));
    }
}
