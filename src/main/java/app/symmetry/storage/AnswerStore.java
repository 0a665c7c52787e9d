package app.symmetry.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static app.symmetry.storage.SymmetryTable.n;
import static app.symmetry.storage.SymmetryTable.s;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import app.symmetry.domain.Side;
import app.symmetry.domain.StoredAnswer;
import app.symmetry.error.SymmetryException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Where answers are stored and read back.
 * <p>
 * An answer is written in one transaction with its idempotency record, its link's spent record and
 * its device count, each conditional: a retry or a double tap finds the idempotency record and
 * writes nothing; two copies racing conflict, and the loser, retried, finds it too. So an answer is
 * stored once or not at all, and a refusal (spent link, device over its cap) writes nothing.
 */
@ApplicationScoped
public class AnswerStore {

    private static final Logger LOG = Logger.getLogger(AnswerStore.class);
    private static final int CONFLICT_RETRIES = 6;
    private static final String TIMED_KEY = "@";

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;

    public AnswerStore(Dynamo dynamo, SymmetryTable table) {
        this.dynamo = dynamo.client();
        this.table = table;
    }

    public AnswerWrite.Outcome store(AnswerWrite write) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                .item(Map.of(SymmetryTable.PK, s("SUBMISSION#" + write.submissionKey()), SymmetryTable.SK, s("-"),
                        SymmetryTable.TTL, n(write.submissionExpiry().getEpochSecond())))
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                .item(answerItem(write.answer())).conditionExpression("attribute_not_exists(pk)").build()).build());
        int spentAt = -1;
        if (write.spentLink().isPresent()) {
            AnswerWrite.SpentLink link = write.spentLink().get();
            spentAt = items.size();
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                    .item(Map.of(SymmetryTable.PK, s("SPENT#" + link.linkId()), SymmetryTable.SK, s("-"),
                            SymmetryTable.TTL, n(link.expiresAt().getEpochSecond())))
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        }
        int deviceAt = -1;
        if (write.deviceQuota().isPresent()) {
            AnswerWrite.DeviceQuota quota = write.deviceQuota().get();
            deviceAt = items.size();
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                    .key(Map.of(SymmetryTable.PK, s("DEVICE#" + quota.deviceKey()), SymmetryTable.SK, s("-")))
                    .updateExpression("ADD answers :one SET expiresAt = :exp")
                    .conditionExpression("attribute_not_exists(answers) OR answers < :cap")
                    .expressionAttributeValues(Map.of(":one", n(1), ":cap", n(quota.cap()),
                            ":exp", n(quota.expiresAt().getEpochSecond())))
                    .build()).build());
        }
        for (int attempt = 0;; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                return AnswerWrite.Outcome.ACCEPTED;
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                if (failedCondition(reasons, 0)) {
                    return AnswerWrite.Outcome.DUPLICATE;
                }
                if (failedCondition(reasons, spentAt)) {
                    return AnswerWrite.Outcome.LINK_SPENT;
                }
                if (failedCondition(reasons, deviceAt)) {
                    return AnswerWrite.Outcome.RATE_LIMITED;
                }
                if (attempt >= CONFLICT_RETRIES) {
                    throw SymmetryException.storageUnavailable(cancelled);
                }
                // A racing copy of the same submission, or another answer from the same device:
                // once the other commits, this attempt resolves to duplicate or goes through.
                pause(attempt);
            } catch (SdkException failure) {
                LOG.warnf("answer not stored, client told to retry: %s", failure.getMessage());
                throw SymmetryException.storageUnavailable(failure);
            }
        }
    }

    /** Whether a single-use link was answered: lets a form say so before anyone fills it in. */
    public boolean isSpent(String linkId) {
        try {
            return dynamo.getItem(b -> b.tableName(table.name()).consistentRead(true)
                    .key(Map.of(SymmetryTable.PK, s("SPENT#" + linkId), SymmetryTable.SK, s("-")))).hasItem();
        } catch (SdkException e) {
            throw SymmetryException.storageUnavailable(e);
        }
    }

    /** Every answer of one unit, side and day: one Query on one partition, page by page. */
    public void forEachAnswer(Side side, String unitId, LocalDate day, Consumer<StoredRatings> consumer) {
        query(answerPartition(side, unitId, day), null, consumer);
    }

    /**
     * The customer answers of one unit and day received at or after {@code since} (to the second):
     * the part of the partition whose sort keys start with a time from then on.
     */
    public void forEachCustomerAnswerSince(String unitId, LocalDate day, Instant since, Consumer<StoredRatings> consumer) {
        query(answerPartition(Side.CUSTOMER, unitId, day), TIMED_KEY + since.truncatedTo(ChronoUnit.SECONDS), consumer);
    }

    private void query(String partition, String fromKey, Consumer<StoredRatings> consumer) {
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table.name())
                    .projectionExpression("sk, recommend, ratings")
                    .consistentRead(true);
            if (fromKey == null) {
                query.keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(partition)));
            } else {
                query.keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to").expressionAttributeValues(
                        Map.of(":pk", s(partition), ":from", s(fromKey), ":to", s(TIMED_KEY + "~")));
            }
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                Map<String, Integer> ratings = new HashMap<>();
                AttributeValue r = item.get("ratings");
                if (r != null && r.hasM()) {
                    r.m().forEach((k, v) -> ratings.put(k, Integer.parseInt(v.n())));
                }
                consumer.accept(new StoredRatings(Integer.parseInt(item.get("recommend").n()), ratings,
                        receivedAt(item.get(SymmetryTable.SK).s())));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /**
     * The figures-bearing part of a stored answer.
     *
     * @param receivedAt to the second, from the sort key of a customer answer; empty for employee
     *        answers, which keep no time, and for customer answers stored before keys carried it
     */
    public record StoredRatings(int recommend, Map<String, Integer> ratings, Optional<Instant> receivedAt) {
    }

    /**
     * A customer answer's sort key, {@code @2026-11-23T14:05:09Z#<submissionId>}: its time first, so
     * a run can read what came in since the last one. Keys written before carried the submission id
     * alone (a UUID: digits and lower-case letters), which sorts apart from {@code @…}.
     */
    public static String customerKey(Instant receivedAt, String submissionId) {
        return TIMED_KEY + receivedAt.truncatedTo(ChronoUnit.SECONDS) + "#" + submissionId;
    }

    /** The submission id a customer answer's sort key ends with, whichever way it was written. */
    public static String submissionId(String customerSortKey) {
        return customerSortKey.substring(customerSortKey.lastIndexOf('#') + 1);
    }

    private static Optional<Instant> receivedAt(String sortKey) {
        if (!sortKey.startsWith(TIMED_KEY)) {
            return Optional.empty();
        }
        int end = sortKey.indexOf('#');
        return Optional.of(Instant.parse(sortKey.substring(TIMED_KEY.length(), end)));
    }

    public static String answerPartition(Side side, String unitId, LocalDate day) {
        return "ANSWER#" + side.mark() + "#" + unitId + "#" + day;
    }

    private Map<String, AttributeValue> answerItem(StoredAnswer answer) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SymmetryTable.PK, s(answerPartition(answer.side(), answer.unitId(), answer.day())));
        item.put(SymmetryTable.SK, s(answer.side() == Side.CUSTOMER && answer.receivedAt().isPresent()
                ? customerKey(answer.receivedAt().get(), answer.key()) : answer.key()));
        item.put("unitId", s(answer.unitId()));
        item.put("day", s(answer.day().toString()));
        item.put("recommend", n(answer.recommend()));
        if (!answer.ratings().isEmpty()) {
            Map<String, AttributeValue> ratings = new HashMap<>();
            answer.ratings().forEach((k, v) -> ratings.put(k, n(v)));
            item.put("ratings", AttributeValue.fromM(ratings));
        }
        answer.comment().ifPresent(c -> item.put("comment", s(c)));
        answer.language().ifPresent(l -> item.put("language", s(l)));
        answer.contactEmail().ifPresent(e -> item.put("contactEmail", s(e)));
        answer.receivedAt().ifPresent(t -> item.put("receivedAt", s(t.toString())));
        item.put(SymmetryTable.TTL, n(answer.expiresAt().getEpochSecond()));
        return item;
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return index >= 0 && reasons != null && index < reasons.size()
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 10L << attempt) + (long) (Math.random() * 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SymmetryException.storageUnavailable(e);
        }
    }
}
