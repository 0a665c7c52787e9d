package app.symmetry.storage;

import static app.symmetry.storage.SymmetryTable.n;
import static app.symmetry.storage.SymmetryTable.s;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import app.symmetry.domain.FollowUp;
import app.symmetry.domain.FollowUpStatus;
import app.symmetry.domain.StoredAnswer;

/**
 * Follow-ups, the customers' addresses kept beside them, and the notices of the e-mails still to
 * send (SymmetryTable lists the items). A follow-up is written in the answer's own transaction
 * ({@link AnswerStore}); everything after is here. The address is an item of its own, so that
 * deleting it is deleting an item, whole, and the addresses to delete are one Query away
 * ({@code CONTACTS}, by the time each must be gone): DynamoDB's TTL is only a backstop.
 */
@ApplicationScoped
public class FollowUpStore {

    private static final String STATUS = "status";

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;

    public FollowUpStore(Dynamo dynamo, SymmetryTable table) {
        this.dynamo = dynamo.client();
        this.table = table;
    }

    /** The follow-up, its address and its notice, as written with the answer (each a put that must be first). */
    static List<Map<String, AttributeValue>> newItems(StoredAnswer answer, AnswerWrite.NewFollowUp followUp) {
        String id = answer.key();
        Instant received = answer.receivedAt().orElseThrow();
        String position = received + "#" + id;
        List<Map<String, AttributeValue>> items = new ArrayList<>();

        Map<String, AttributeValue> item = new HashMap<>(SymmetryTable.followUp(id));
        item.put(SymmetryTable.GPK, s(SymmetryTable.followUpsOfRegion(followUp.region())));
        item.put(SymmetryTable.GSK, s(position));
        item.put("unitId", s(answer.unitId()));
        item.put("region", s(followUp.region()));
        item.put("receivedAt", s(received.toString()));
        item.put("recommend", n(answer.recommend()));
        answer.comment().ifPresent(c -> item.put("comment", s(c)));
        answer.language().ifPresent(l -> item.put("language", s(l)));
        item.put(STATUS, s(FollowUpStatus.OPEN.wireName()));
        item.put(SymmetryTable.TTL, n(answer.expiresAt().getEpochSecond()));
        items.add(item);

        Map<String, AttributeValue> contact = new HashMap<>(SymmetryTable.followUpContact(id));
        contact.put(SymmetryTable.GPK, s(SymmetryTable.CONTACTS));
        contact.put(SymmetryTable.GSK, s(followUp.contactExpiresAt() + "#" + id));
        contact.put("email", s(followUp.contactEmail()));
        contact.put(SymmetryTable.TTL, n(followUp.contactExpiresAt().getEpochSecond()));
        items.add(contact);

        if (followUp.emailUnit()) {
            Map<String, AttributeValue> notice = new HashMap<>(SymmetryTable.followUpNotice(id));
            notice.put(SymmetryTable.GPK, s(SymmetryTable.NOTICES));
            notice.put(SymmetryTable.GSK, s(position));
            notice.put(SymmetryTable.TTL, n(answer.expiresAt().getEpochSecond()));
            items.add(notice);
        }
        return items;
    }

    /** A follow-up with its address, if it still has one. */
    public Optional<FollowUp> find(String id) {
        return StorageOperation.READ.call(() -> {
            Map<String, Map<String, AttributeValue>> bySortKey = new HashMap<>();
            dynamo.queryPaginator(b -> b.tableName(table.name())
                            .consistentRead(true)
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", s(SymmetryTable.followUpPartition(id))))
                            .build())
                    .items()
                    .forEach(i -> bySortKey.put(i.get(SymmetryTable.SK).s(), i));
            Map<String, AttributeValue> item = bySortKey.get(
                    SymmetryTable.followUp(id).get(SymmetryTable.SK).s());
            if (item == null) {
                return Optional.<FollowUp>empty();
            }
            return Optional.of(read(
                    item,
                    Optional.ofNullable(bySortKey.get(SymmetryTable.FOLLOW_UP_CONTACT))
                            .map(c -> c.get("email").s())));
        });
    }

    /** One page of a listing: newest first; {@code next} is where the next page starts, if any. */
    public record Page(List<FollowUp> items, Optional<String> next) {}

    /**
     * The follow-ups of some regions, newest first, {@code limit} at a time, received before the
     * position {@code before} (a previous page's {@code next}).
     *
     * @param units only these units' follow-ups (empty: every unit of the regions)
     */
    public Page list(
            List<String> regions,
            Set<String> units,
            Optional<FollowUpStatus> status,
            Optional<String> before,
            int limit) {
        return StorageOperation.READ.call(() -> {
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            boolean more = false;
            for (String region : regions) {
                List<Map<String, AttributeValue>> ofRegion = listRegion(region, units, status, before, limit + 1);
                found.addAll(ofRegion);
            }
            found.sort(Comparator.comparing((Map<String, AttributeValue> i) ->
                            i.get(SymmetryTable.GSK).s())
                    .reversed());
            if (found.size() > limit) {
                more = true;
                found = found.subList(0, limit);
            }
            Map<String, String> emails = contacts(found.stream()
                    .map(i -> SymmetryTable.followUpIdOf(i.get(SymmetryTable.PK).s()))
                    .toList());
            List<FollowUp> page = new ArrayList<>();
            for (Map<String, AttributeValue> item : found) {
                String id =
                        SymmetryTable.followUpIdOf(item.get(SymmetryTable.PK).s());
                page.add(read(item, Optional.ofNullable(emails.get(id))));
            }
            Optional<String> next = more
                    ? Optional.of(
                            found.get(found.size() - 1).get(SymmetryTable.GSK).s())
                    : Optional.empty();
            return new Page(page, next);
        });
    }

    private List<Map<String, AttributeValue>> listRegion(
            String region, Set<String> units, Optional<FollowUpStatus> status, Optional<String> before, int wanted) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        values.put(":g", s(SymmetryTable.followUpsOfRegion(region)));
        String key = "gpk = :g";
        if (before.isPresent()) {
            key += " AND gsk < :before";
            values.put(":before", s(before.get()));
        }
        List<String> filters = new ArrayList<>();
        if (!units.isEmpty()) {
            List<String> placeholders = new ArrayList<>();
            int i = 0;
            for (String unit : units) {
                placeholders.add(":u" + i);
                values.put(":u" + i, s(unit));
                i++;
            }
            filters.add("unitId IN (" + String.join(", ", placeholders) + ")");
        }
        if (status.isPresent()) {
            names.put("#st", STATUS);
            values.put(":st", s(status.get().wireName()));
            filters.add("#st = :st");
        }
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table.name())
                .indexName(SymmetryTable.BY_PERIOD)
                .keyConditionExpression(key)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(Math.max(wanted, 25));
        if (!filters.isEmpty()) {
            query.filterExpression(String.join(" AND ", filters));
        }
        if (!names.isEmpty()) {
            query.expressionAttributeNames(names);
        }
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (var response : dynamo.queryPaginator(query.build())) {
            found.addAll(response.items());
            if (found.size() >= wanted) {
                return found.subList(0, wanted);
            }
        }
        return found;
    }

    /** The addresses still kept of some follow-ups, by id. */
    private Map<String, String> contacts(List<String> ids) {
        Map<String, String> emails = new HashMap<>();
        for (List<String> batch : Batches.of(ids, Batches.GET)) {
            if (batch.isEmpty()) {
                continue;
            }
            Map<String, KeysAndAttributes> request = Map.of(
                    table.name(),
                    KeysAndAttributes.builder()
                            .keys(batch.stream()
                                    .map(SymmetryTable::followUpContact)
                                    .toList())
                            .consistentRead(true)
                            .build());
            Batches.untilProcessed(
                    request,
                    pending -> {
                        var response = dynamo.batchGetItem(b -> b.requestItems(pending));
                        response.responses()
                                .getOrDefault(table.name(), List.of())
                                .forEach(c -> emails.put(
                                        SymmetryTable.followUpIdOf(
                                                c.get(SymmetryTable.PK).s()),
                                        c.get("email").s()));
                        return response.unprocessedKeys();
                    },
                    Map::isEmpty);
        }
        return emails;
    }

    /** How an update went: done, or refused because the follow-up no longer stands where it was read. */
    public enum Updated {
        DONE,
        MOVED_ON
    }

    /**
     * Moves a follow-up from {@code from} to {@code to}, with its note; closing deletes the
     * customer's address in the same transaction.
     */
    public Updated update(String id, FollowUpStatus from, FollowUpStatus to, Optional<String> note, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":from", s(from.wireName()));
        values.put(":to", s(to.wireName()));
        values.put(":at", s(at.toString()));
        String set = "SET #st = :to, updatedAt = :at";
        if (note.isPresent()) {
            set += ", note = :note";
            values.put(":note", s(note.get()));
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table.name())
                        .key(SymmetryTable.followUp(id))
                        .conditionExpression("attribute_exists(pk) AND #st = :from")
                        .updateExpression(set)
                        .expressionAttributeNames(Map.of("#st", STATUS))
                        .expressionAttributeValues(values)
                        .build())
                .build());
        if (to == FollowUpStatus.CLOSED) {
            items.add(deleteContact(id));
        }
        return StorageOperation.FOLLOW_UP_WRITE.call(() -> {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                return Updated.DONE;
            } catch (TransactionCanceledException refused) {
                if (refused.hasCancellationReasons()
                        && "ConditionalCheckFailed"
                                .equals(refused.cancellationReasons().get(0).code())) {
                    return Updated.MOVED_ON;
                }
                throw refused;
            }
        });
    }

    /** Deletes a customer's address on request; whether there was one. */
    public boolean eraseContact(String id, Instant at) {
        return StorageOperation.FOLLOW_UP_WRITE.call(() -> {
            var deleted = dynamo.deleteItem(b -> b.tableName(table.name())
                    .key(SymmetryTable.followUpContact(id))
                    .returnValues("ALL_OLD"));
            if (deleted.hasAttributes() && !deleted.attributes().isEmpty()) {
                try {
                    dynamo.updateItem(b -> b.tableName(table.name())
                            .key(SymmetryTable.followUp(id))
                            .conditionExpression("attribute_exists(pk)")
                            .updateExpression("SET contactErasedAt = :at")
                            .expressionAttributeValues(Map.of(":at", s(at.toString()))));
                } catch (ConditionalCheckFailedException gone) {
                    // the follow-up itself expired: the address is gone all the same
                }
                return true;
            }
            return false;
        });
    }

    /** Deletes every address whose time is up; how many. Run by the system, every hour, on its own. */
    public int eraseExpiredContacts(Instant now) {
        return StorageOperation.FOLLOW_UP_WRITE.call(() -> {
            List<Map<String, AttributeValue>> expired = new ArrayList<>();
            dynamo.queryPaginator(b -> b.tableName(table.name())
                            .indexName(SymmetryTable.BY_PERIOD)
                            .keyConditionExpression("gpk = :g AND gsk < :now")
                            .expressionAttributeValues(Map.of(":g", s(SymmetryTable.CONTACTS), ":now", s(now + "#~")))
                            .projectionExpression("pk, sk")
                            .build())
                    .items()
                    .forEach(expired::add);
            for (Map<String, AttributeValue> key : expired) {
                dynamo.deleteItem(b -> b.tableName(table.name()).key(key));
            }
            return expired.size();
        });
    }

    /** Follow-ups whose unit is still to be e-mailed, oldest first. */
    public List<String> pendingNotices(int max) {
        return StorageOperation.READ.call(() -> {
            List<String> ids = new ArrayList<>();
            for (var response : dynamo.queryPaginator(b -> b.tableName(table.name())
                    .indexName(SymmetryTable.BY_PERIOD)
                    .keyConditionExpression("gpk = :g")
                    .expressionAttributeValues(Map.of(":g", s(SymmetryTable.NOTICES)))
                    .projectionExpression("pk")
                    .limit(max)
                    .build())) {
                response.items()
                        .forEach(i -> ids.add(SymmetryTable.followUpIdOf(
                                i.get(SymmetryTable.PK).s())));
                if (ids.size() >= max) {
                    break;
                }
            }
            return ids.size() > max ? ids.subList(0, max) : ids;
        });
    }

    /**
     * Takes a follow-up's notice for {@code lease}: false when it is gone (sent already) or held by
     * another sender whose lease runs. The lease is what keeps two senders from sending it twice.
     */
    public boolean claimNotice(String id, Instant now, Duration lease) {
        return StorageOperation.FOLLOW_UP_WRITE.call(() -> {
            try {
                dynamo.updateItem(b -> b.tableName(table.name())
                        .key(SymmetryTable.followUpNotice(id))
                        .conditionExpression(
                                "attribute_exists(pk) AND (attribute_not_exists(claimedUntil) OR claimedUntil < :now)")
                        .updateExpression("SET claimedUntil = :until ADD attempts :one")
                        .expressionAttributeValues(Map.of(
                                ":now", s(now.toString()),
                                ":until", s(now.plus(lease).toString()),
                                ":one", n(1))));
                return true;
            } catch (ConditionalCheckFailedException goneOrHeld) {
                return false;
            }
        });
    }

    /** The e-mail went: the notice is deleted and the follow-up marked, together. */
    public void noticeSent(String id, Instant at) {
        StorageOperation.FOLLOW_UP_WRITE.run(() -> dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder()
                        .delete(Delete.builder()
                                .tableName(table.name())
                                .key(SymmetryTable.followUpNotice(id))
                                .build())
                        .build(),
                TransactWriteItem.builder()
                        .update(Update.builder()
                                .tableName(table.name())
                                .key(SymmetryTable.followUp(id))
                                .updateExpression("SET notifiedAt = :at")
                                .conditionExpression("attribute_exists(pk)")
                                .expressionAttributeValues(Map.of(":at", s(at.toString())))
                                .build())
                        .build())));
    }

    /** No e-mail is to be sent (closed first, no address on the unit): the notice goes, nothing marked. */
    public void dropNotice(String id) {
        StorageOperation.FOLLOW_UP_WRITE.run(
                () -> dynamo.deleteItem(b -> b.tableName(table.name()).key(SymmetryTable.followUpNotice(id))));
    }

    /** The e-mail did not go: the notice is free for the next attempt at once. */
    public void releaseNotice(String id) {
        StorageOperation.FOLLOW_UP_WRITE.run(() -> dynamo.updateItem(b -> b.tableName(table.name())
                .key(SymmetryTable.followUpNotice(id))
                .conditionExpression("attribute_exists(pk)")
                .updateExpression("REMOVE claimedUntil")));
    }

    private TransactWriteItem deleteContact(String id) {
        return TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(table.name())
                        .key(SymmetryTable.followUpContact(id))
                        .build())
                .build();
    }

    private static FollowUp read(Map<String, AttributeValue> item, Optional<String> email) {
        return new FollowUp(
                SymmetryTable.followUpIdOf(item.get(SymmetryTable.PK).s()),
                item.get("unitId").s(),
                item.get("region").s(),
                Instant.parse(item.get("receivedAt").s()),
                Integer.parseInt(item.get("recommend").n()),
                text(item, "comment"),
                text(item, "language"),
                FollowUpStatus.ofWireName(item.get(STATUS).s()).orElseThrow(),
                text(item, "note"),
                text(item, "updatedAt").map(Instant::parse),
                email,
                item.containsKey("notifiedAt"));
    }

    private static Optional<String> text(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }
}
