package app.symmetry.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

import app.symmetry.SymmetryConfig;
import app.symmetry.domain.PeriodType;
import app.symmetry.domain.Side;

/**
 * The one DynamoDB table, as the tests and the local run create it and as {@code template.yaml}
 * declares it (a test holds the two equal).
 * <p>
 * Single-table design; every item has a partition key {@code pk} and a sort key {@code sk}:
 * <ul>
 * <li>{@code ANSWER#C#unit#day} / {@code @receivedAt#submissionId}: a customer answer, in the order
 * received; {@code ANSWER#E#unit#day} / random: an employee answer, in no order. One unit's answers of one
 * day are one Query, never a scan.</li>
 * <li>{@code SUBMISSION#id}: that a submission id was stored (idempotency), nothing else.</li>
 * <li>{@code SPENT#linkId}: that a single-use link was answered, not which answer it was.</li>
 * <li>{@code DEVICE#hash}: a per-device daily count, the hash salted with the day, expiring.</li>
 * <li>{@code REVOKED#codeId}: a revoked unit code; {@code REVOKED#batch:batchId}: a revoked batch of links
 * ({@code :} is in no code id).</li>
 * <li>{@code TALLY#unit} / month: the sufficient statistics of one unit, one attribute per day and side, the
 * time each day was computed, and how far the scheduled runs got through it.</li>
 * <li>{@code SNAPSHOT#scope#id#periodType} / period: a published snapshot; index {@value #BY_PERIOD}
 * ({@code gpk} = {@code SNAPSHOT#scope#period}, {@code gsk} = id) lists every unit of one period. A unit's
 * days are not stored: they are computed from its tallies when read.</li>
 * <li>{@code RUN#…}: the aggregation's idempotency records.</li>
 * <li>{@code APIKEY#keyId}: an API key's SHA-256, role, scope, creator and times (never the secret); index
 * {@value #BY_PERIOD} ({@code gpk} = {@code APIKEYS}, {@code gsk} = creation time and id) lists them.</li>
 * <li>{@code CAMPAIGN#id}: a pulse campaign (unit, headcount, closing day, issued and accepted counts); its
 * issuings beside it ({@code ISSUED#time#random}); index {@value #BY_PERIOD} ({@code gpk} =
 * {@code CAMPAIGNS#unit}, {@code gsk} = closing day and id) lists a unit's campaigns.</li>
 * <li>{@code FOLLOWUP#id} (the answer's submission id): a detractor's follow-up ({@code -}: unit, region,
 * score, comment, status, note; index {@value #BY_PERIOD} {@code gpk} = {@code FOLLOWUPS#region}, {@code gsk} =
 * time received and id, newest last), the customer's address beside it ({@code CONTACT}, the only item that
 * holds it; index {@code gpk} = {@code CONTACTS}, {@code gsk} = when it must be gone), and, until the unit's
 * e-mail is sent, its notice ({@code NOTIFY}; index {@code gpk} = {@code NOTICES}).</li>
 * <li>{@code AUDIT#yyyy-MM} / {@code time#random}: the audit log, one month a partition, expiring.</li>
 * </ul>
 * {@value #TTL} is the TTL attribute (epoch seconds). An item alone in its partition has the sort key
 * {@code -}. Every key is built by the methods below, and nowhere else.
 */
@Singleton
public class SymmetryTable {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GPK = "gpk";
    public static final String GSK = "gsk";
    public static final String BY_PERIOD = "byPeriod";
    public static final String TTL = "expiresAt";
    private static final String ONLY = "-";
    private static final String TALLY = "TALLY#";
    /** Customer answers' sort keys start with their time: {@code @2026-11-23T14:05:09Z#<submissionId>}. */
    private static final String TIMED = "@";
    /** Above every customer answer's sort key ({@code ~} sorts after the digits of any time). */
    static final String CUSTOMER_ANSWERS_END = TIMED + "~";

    private final String name;

    @Inject
    public SymmetryTable(SymmetryConfig config) {
        this(config.tableName());
    }

    public SymmetryTable(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public CreateTableRequest definition() {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(PK), attribute(SK), attribute(GPK), attribute(GSK))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(BY_PERIOD)
                        .keySchema(key(GPK, KeyType.HASH), key(GSK, KeyType.RANGE))
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.ALL)
                                .build())
                        .build())
                .build();
    }

    /** For DynamoDB Local (tests and the local run); on AWS the deployment creates the table. */
    public void createIfMissing(DynamoDbClient dynamo) {
        try {
            dynamo.describeTable(b -> b.tableName(name));
            return;
        } catch (ResourceNotFoundException absent) {
            // create it below
        }
        try {
            dynamo.createTable(definition());
        } catch (ResourceInUseException raced) {
            return;
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(name));
        dynamo.updateTimeToLive(UpdateTimeToLiveRequest.builder()
                .tableName(name)
                .timeToLiveSpecification(TimeToLiveSpecification.builder()
                        .attributeName(TTL)
                        .enabled(true)
                        .build())
                .build());
    }

    public static String answerPartition(Side side, String unitId, LocalDate day) {
        return "ANSWER#" + side.mark() + "#" + unitId + "#" + day;
    }

    /**
     * A customer answer's sort key: its time first (to the second), so a run reads what came in since
     * the last one, then its submission id.
     */
    public static String customerAnswerSortKey(Instant receivedAt, String submissionId) {
        return customerAnswersFrom(receivedAt) + "#" + submissionId;
    }

    /** The lowest sort key of a customer answer received at or after {@code since} (to the second). */
    static String customerAnswersFrom(Instant since) {
        return TIMED + since.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A customer answer's sort key read back. */
    public record CustomerAnswerKey(Instant receivedAt, String submissionId) {}

    public static CustomerAnswerKey customerAnswer(String sortKey) {
        int end = sortKey.indexOf('#');
        return new CustomerAnswerKey(Instant.parse(sortKey.substring(TIMED.length(), end)), sortKey.substring(end + 1));
    }

    static Map<String, AttributeValue> submission(String submissionId) {
        return only("SUBMISSION#" + submissionId);
    }

    static Map<String, AttributeValue> spentLink(String linkId) {
        return only("SPENT#" + linkId);
    }

    static Map<String, AttributeValue> device(String deviceKey) {
        return only("DEVICE#" + deviceKey);
    }

    static Map<String, AttributeValue> revokedCode(String codeId) {
        return only("REVOKED#" + codeId);
    }

    static Map<String, AttributeValue> revokedBatch(String batchId) {
        return only("REVOKED#batch:" + batchId);
    }

    static Map<String, AttributeValue> run(String runKey) {
        return only("RUN#" + runKey);
    }

    static Map<String, AttributeValue> apiKey(String keyId) {
        return only(API_KEY + keyId);
    }

    /** The key id of an {@code APIKEY#} item. */
    static String keyIdOf(Map<String, AttributeValue> item) {
        return item.get(PK).s().substring(API_KEY.length());
    }

    /** The {@value #BY_PERIOD} index's partition of every key. */
    static final String API_KEYS = "APIKEYS";

    static String campaignPartition(String campaignId) {
        return CAMPAIGN + campaignId;
    }

    static Map<String, AttributeValue> campaign(String campaignId) {
        return only(campaignPartition(campaignId));
    }

    /** The id of a {@code CAMPAIGN#} item. */
    static String campaignIdOf(Map<String, AttributeValue> item) {
        return item.get(PK).s().substring(CAMPAIGN.length());
    }

    static Map<String, AttributeValue> campaignIssuing(String campaignId, Instant at, String random) {
        return key(campaignPartition(campaignId), CAMPAIGN_ISSUED + sortable(at) + "#" + random);
    }

    static final String CAMPAIGN_ISSUED = "ISSUED#";

    /** The {@value #BY_PERIOD} index's partition of one unit's campaigns. */
    static String campaignsOfUnit(String unitId) {
        return "CAMPAIGNS#" + unitId;
    }

    static final String FOLLOW_UP = "FOLLOWUP#";
    static final String FOLLOW_UP_CONTACT = "CONTACT";
    static final String FOLLOW_UP_NOTICE = "NOTIFY";
    /** The {@value #BY_PERIOD} index's partition of the addresses still kept, by the time each must be gone. */
    static final String CONTACTS = "CONTACTS";
    /** The {@value #BY_PERIOD} index's partition of the follow-ups whose unit is still to be e-mailed. */
    static final String NOTICES = "NOTICES";

    static Map<String, AttributeValue> followUp(String id) {
        return only(FOLLOW_UP + id);
    }

    static Map<String, AttributeValue> followUpContact(String id) {
        return key(FOLLOW_UP + id, FOLLOW_UP_CONTACT);
    }

    static Map<String, AttributeValue> followUpNotice(String id) {
        return key(FOLLOW_UP + id, FOLLOW_UP_NOTICE);
    }

    static String followUpPartition(String id) {
        return FOLLOW_UP + id;
    }

    static String followUpIdOf(String partition) {
        return partition.substring(FOLLOW_UP.length());
    }

    /** The {@value #BY_PERIOD} index's partition of one region's follow-ups. */
    static String followUpsOfRegion(String region) {
        return "FOLLOWUPS#" + region;
    }

    /** A follow-up's notice, from a changed item's keys (a stream record): the follow-up's id, or none. */
    public static Optional<String> noticeOf(String pk, String sk) {
        return pk != null && pk.startsWith(FOLLOW_UP) && FOLLOW_UP_NOTICE.equals(sk)
                ? Optional.of(followUpIdOf(pk))
                : Optional.empty();
    }

    static String auditPartition(YearMonth month) {
        return AUDIT + month;
    }

    static Map<String, AttributeValue> auditEntry(Instant at, String id) {
        return key(auditPartition(AuditStore.monthOf(at)), sortable(at) + "#" + id);
    }

    /**
     * An instant that sorts as it reads: {@link Instant#toString()} drops trailing zeros of the
     * fraction, so "…:21.12Z" would sort after "…:21.123Z" and a whole second after its own fractions.
     * Every digit is written; {@link Instant#parse} reads it back.
     */
    static String sortable(Instant at) {
        return SORTABLE_INSTANT.format(at);
    }

    private static final DateTimeFormatter SORTABLE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final String AUDIT = "AUDIT#";
    private static final String API_KEY = "APIKEY#";
    private static final String CAMPAIGN = "CAMPAIGN#";
    private static final String INVITATIONS = "INVITES#";
    private static final String INVITED = "INVITED#";
    static final String RECIPIENT = "TO#";

    /** An invitation batch: its header ({@code -}) and one item per address ({@code TO#0007}). */
    static String invitationBatchPartition(String batchId) {
        return INVITATIONS + batchId;
    }

    static Map<String, AttributeValue> invitationBatch(String batchId) {
        return only(invitationBatchPartition(batchId));
    }

    static Map<String, AttributeValue> invitationRecipient(String batchId, int index) {
        return key(invitationBatchPartition(batchId), RECIPIENT + String.format("%04d", index));
    }

    /** The keyed hash of an address invited to a campaign: no address, only what refuses a second one. */
    static Map<String, AttributeValue> invited(String recipientHash) {
        return only(INVITED + recipientHash);
    }

    static String tallyPartition(String unitId) {
        return TALLY + unitId;
    }

    static Map<String, AttributeValue> tally(String unitId, YearMonth month) {
        return key(tallyPartition(unitId), month.toString());
    }

    /** The unit a tally item belongs to, from its partition key. */
    static String unitOfTally(Map<String, AttributeValue> item) {
        return item.get(PK).s().substring(TALLY.length());
    }

    static String snapshotPartition(String scope, String id, PeriodType type) {
        return "SNAPSHOT#" + scope + "#" + id + "#" + type;
    }

    /** The {@value #BY_PERIOD} index's partition: every group of one scope for one period. */
    static String snapshotsOfPeriod(String scope, String periodKey) {
        return "SNAPSHOT#" + scope + "#" + periodKey;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    private static Map<String, AttributeValue> only(String pk) {
        return key(pk, ONLY);
    }

    /** A string attribute value. */
    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** A number attribute value. */
    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
