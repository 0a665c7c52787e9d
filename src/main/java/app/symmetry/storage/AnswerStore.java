package app.symmetry.storage;

import static app.symmetry.storage.SymmetryTable.n;
import static app.symmetry.storage.SymmetryTable.s;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import app.symmetry.domain.Side;

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

    private static final int CONFLICT_RETRIES = 6;

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;

    public AnswerStore(Dynamo dynamo, SymmetryTable table) {
        this.dynamo = dynamo.client();
        this.table = table;
    }

    public AnswerWrite.Outcome store(AnswerWrite write) {
        return StorageOperation.ANSWER_WRITE.call(() -> commit(transaction(write)));
    }

    /**
     * SnapStart priming of the answer's write path (AWS's advice: run the invocation's own code before
     * the snapshot): a transaction of an answer's shape, a conditional put of an idempotency record
     * and a conditional device count update, whose conditions can never hold, so DynamoDB refuses it
     * whole and writes nothing. It takes the path of a real answer up to and including the refusal a
     * duplicate gets (signing, marshalling, the cancellation reasons), on keys the answer functions'
     * policy allows (SUBMISSION#, DEVICE#); other functions are refused by their policy, which warms
     * most of the same code. Returns whether DynamoDB refused it on its conditions, as meant.
     */
    public boolean primeRefusedWrite() {
        String never = "attribute_exists(pk) AND attribute_not_exists(pk)";
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder()
                            .put(Put.builder()
                                    .tableName(table.name())
                                    .item(SymmetryTable.submission(PRIMING_KEY))
                                    .conditionExpression(never)
                                    .build())
                            .build(),
                    TransactWriteItem.builder()
                            .update(Update.builder()
                                    .tableName(table.name())
                                    .key(SymmetryTable.device(PRIMING_KEY))
                                    .updateExpression("ADD answers :one")
                                    .conditionExpression(never)
                                    .expressionAttributeValues(Map.of(":one", n(1)))
                                    .build())
                            .build()));
            return false;
        } catch (TransactionCanceledException refused) {
            return failedCondition(refused.cancellationReasons(), 0);
        }
    }

    /** Never a submission id (those are UUIDs) nor a device key (a hash): the priming's keys. */
    static final String PRIMING_KEY = "snapstart-priming";

    /** Every answer of one unit, side and day: one Query on one partition, page by page. */
    public void forEachAnswer(Side side, String unitId, LocalDate day, Consumer<StoredRatings> consumer) {
        StorageOperation.AGGREGATION_RUN.run(() -> query(
                side,
                QueryRequest.builder()
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(SymmetryTable.answerPartition(side, unitId, day)))),
                consumer));
    }

    /**
     * The customer answers of one unit and day received at or after {@code since} (to the second):
     * the part of the partition whose sort keys start with a time from then on.
     */
    public void forEachCustomerAnswerSince(
            String unitId, LocalDate day, Instant since, Consumer<StoredRatings> consumer) {
        StorageOperation.AGGREGATION_RUN.run(() -> query(
                Side.CUSTOMER,
                QueryRequest.builder()
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                s(SymmetryTable.answerPartition(Side.CUSTOMER, unitId, day)),
                                ":from",
                                s(SymmetryTable.customerAnswersFrom(since)),
                                ":to",
                                s(SymmetryTable.CUSTOMER_ANSWERS_END))),
                consumer));
    }

    /**
     * Up to {@code limit} customer comments of one unit and day, newest first, from below {@code below} (a sort key
     * a previous page ended on) or from the day's end: one Query on the day's partition, reading only what a
     * comment shows (never the contact address), and only the answers that carry one.
     */
    public List<StoredComment> customerComments(String unitId, LocalDate day, Optional<String> below, int limit) {
        return StorageOperation.READ.call(() -> {
            List<StoredComment> comments = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = dynamo.query(QueryRequest.builder()
                        .tableName(table.name())
                        .keyConditionExpression("pk = :pk AND sk < :below")
                        .filterExpression("attribute_exists(#text)")
                        .projectionExpression(AnswerItem.COMMENT)
                        .expressionAttributeNames(Map.of("#text", AnswerItem.COMMENT_TEXT))
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                s(SymmetryTable.answerPartition(Side.CUSTOMER, unitId, day)),
                                ":below",
                                s(below.orElse(SymmetryTable.CUSTOMER_ANSWERS_END))))
                        .scanIndexForward(false)
                        .limit(Math.max(limit, COMMENT_PAGE))
                        .exclusiveStartKey(start)
                        .build());
                for (Map<String, AttributeValue> item : page.items()) {
                    if (comments.size() < limit) {
                        comments.add(AnswerItem.comment(unitId, day, item));
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey()
                        : null;
            } while (start != null && comments.size() < limit);
            return comments;
        });
    }

    /** Answers a comment Query reads at a time: the filter drops those without a comment after they are read. */
    private static final int COMMENT_PAGE = 100;

    /**
     * A customer's comment as stored, with what it is read with.
     *
     * @param sortKey where it sits in its day's partition: the next page starts below it
     */
    public record StoredComment(
            String unitId, LocalDate day, String sortKey, int recommend, Map<String, Integer> ratings, String text) {}

    private void query(Side side, QueryRequest.Builder query, Consumer<StoredRatings> consumer) {
        dynamo.queryPaginator(query.tableName(table.name())
                        .projectionExpression(AnswerItem.FIGURES)
                        .consistentRead(true)
                        .build())
                .items()
                .forEach(item -> consumer.accept(AnswerItem.figures(side, item)));
    }

    /**
     * The figures-bearing part of a stored answer.
     *
     * @param receivedAt to the second, from the sort key of a customer answer; empty for employee
     *        answers, which keep no time
     */
    public record StoredRatings(int recommend, Map<String, Integer> ratings, Optional<Instant> receivedAt) {}

    /** An answer's transaction, and where in it the records whose refusal has a meaning of its own are. */
    private record Transaction(List<TransactWriteItem> items, int spentAt, int deviceAt, int campaignAt) {
        static final int SUBMISSION_AT = 0;
    }

    private Transaction transaction(AnswerWrite write) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(firstOnly(idempotencyRecord(write)));
        items.add(firstOnly(AnswerItem.of(write.answer())));
        // A detractor who asked to be contacted: the follow-up, the address and the notice are the answer's own.
        write.followUp()
                .ifPresent(followUp ->
                        FollowUpStore.newItems(write.answer(), followUp).forEach(item -> items.add(firstOnly(item))));
        int spentAt = -1;
        if (write.spentLink().isPresent()) {
            spentAt = items.size();
            items.add(firstOnly(spentRecord(write.spentLink().get())));
        }
        int deviceAt = -1;
        if (write.deviceQuota().isPresent()) {
            deviceAt = items.size();
            items.add(TransactWriteItem.builder()
                    .update(deviceCount(write.deviceQuota().get()))
                    .build());
        }
        // A pulse answer raises its campaign's count, never past the headcount.
        int campaignAt = -1;
        if (write.campaignId().isPresent()) {
            campaignAt = items.size();
            items.add(
                    CampaignStore.acceptOneMore(table.name(), write.campaignId().get()));
        }
        return new Transaction(items, spentAt, deviceAt, campaignAt);
    }

    /** Commits the transaction, again while it only conflicts with another, or says why it was refused. */
    private AnswerWrite.Outcome commit(Transaction transaction) {
        for (int attempt = 0; ; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(transaction.items()));
                return AnswerWrite.Outcome.ACCEPTED;
            } catch (TransactionCanceledException cancelled) {
                Optional<AnswerWrite.Outcome> refusal = refusal(transaction, cancelled.cancellationReasons());
                if (refusal.isPresent()) {
                    return refusal.get();
                }
                if (attempt >= CONFLICT_RETRIES) {
                    throw new StorageOperation.RetriesExhausted("an answer's transaction kept conflicting", cancelled);
                }
                // A racing copy of the same submission, or another answer from the same device:
                // once the other commits, this attempt resolves to duplicate or goes through.
                Batches.pause(Math.min(200, 10L << attempt) + (long) (Math.random() * 10));
            }
        }
    }

    private static Optional<AnswerWrite.Outcome> refusal(Transaction transaction, List<CancellationReason> reasons) {
        if (failedCondition(reasons, Transaction.SUBMISSION_AT)) {
            return Optional.of(AnswerWrite.Outcome.DUPLICATE);
        }
        if (failedCondition(reasons, transaction.spentAt())) {
            return Optional.of(AnswerWrite.Outcome.LINK_SPENT);
        }
        if (failedCondition(reasons, transaction.deviceAt())) {
            return Optional.of(AnswerWrite.Outcome.RATE_LIMITED);
        }
        if (failedCondition(reasons, transaction.campaignAt())) {
            return Optional.of(AnswerWrite.Outcome.CAMPAIGN_FULL);
        }
        return Optional.empty();
    }

    /** The submission id's record: it exists once the answer does, for the idempotency window. */
    private static Map<String, AttributeValue> idempotencyRecord(AnswerWrite write) {
        Map<String, AttributeValue> item = new HashMap<>(SymmetryTable.submission(write.submissionKey()));
        item.put(SymmetryTable.TTL, n(write.submissionExpiry().getEpochSecond()));
        return item;
    }

    private static Map<String, AttributeValue> spentRecord(AnswerWrite.SpentLink link) {
        Map<String, AttributeValue> item = new HashMap<>(SymmetryTable.spentLink(link.linkId()));
        item.put(SymmetryTable.TTL, n(link.expiresAt().getEpochSecond()));
        return item;
    }

    private Update deviceCount(AnswerWrite.DeviceQuota quota) {
        return Update.builder()
                .tableName(table.name())
                .key(SymmetryTable.device(quota.deviceKey()))
                .updateExpression("ADD answers :one SET expiresAt = :exp")
                .conditionExpression("attribute_not_exists(answers) OR answers < :cap")
                .expressionAttributeValues(Map.of(
                        ":one",
                        n(1),
                        ":cap",
                        n(quota.cap()),
                        ":exp",
                        n(quota.expiresAt().getEpochSecond())))
                .build();
    }

    /** A put that fails if the item exists. */
    private TransactWriteItem firstOnly(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table.name())
                        .item(item)
                        .conditionExpression("attribute_not_exists(pk)")
                        .build())
                .build();
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return index >= 0
                && reasons != null
                && index < reasons.size()
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}
