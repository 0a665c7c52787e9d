package app.symmetry;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import app.symmetry.domain.PeriodType;

/**
 * Every {@code symmetry.*} setting the functions read, with its default: one place to look, and
 * one config mapping for the functions to resolve. Environment variables follow the usual rule
 * ({@code SYMMETRY_TABLE_NAME} for {@code symmetry.table.name}); template.yaml sets the ones a
 * deployment needs, README's configuration table lists them.
 * <p>
 * One mapping rather than {@code @ConfigProperty} on each constructor: property injection goes
 * through a generic producer bean with an interceptor, some 35 classes that every cold start
 * loaded and ran for a handful of values (docs/benchmarks.md). Names are flat ({@code @WithName}
 * with the dotted path) so that the mapping is one class, not a group per prefix.
 */
@ConfigMapping(prefix = "symmetry")
public interface SymmetryConfig {

    /** The DynamoDB table that holds everything. */
    @WithName("table.name")
    @WithDefault("symmetry")
    String tableName();

    /** The organisation file (JSON); the demo organisation when absent. */
    @WithName("organisation.file")
    Optional<String> organisationFile();

    /**
     * Plain signing keys, {@code id:base64key,…}, for {@code %dev} and {@code %test} only (a deployment
     * refuses to start with them); the first signs unless {@link #activeKey()} names another.
     */
    @WithName("token.keys")
    Optional<String> tokenKeys();

    /** The Secrets Manager secret (name or ARN) holding the signing keys, in the same form: how a deployment gets them. */
    @WithName("token.secret-id")
    Optional<String> tokenSecretId();

    /** Where Secrets Manager is reached when not at its regional endpoint (a VPC endpoint, a local one in tests). */
    @WithName("token.secrets-endpoint")
    Optional<String> tokenSecretsEndpoint();

    /** How long a function trusts the keys it read from the secret: a rotation reaches it within this delay. */
    @WithName("token.refresh")
    @WithDefault("PT5M")
    Duration tokenKeyRefresh();

    /** With plain keys only ({@code %dev}, {@code %test}): the key that signs. With a secret, its first key signs. */
    @WithName("token.active-key")
    Optional<String> activeKey();

    /** How long a function trusts its memory of a unit code's revocation. */
    @WithName("token.revocation-cache")
    @WithDefault("PT60S")
    Duration revocationCache();

    /** The address forms and links are served at. */
    @WithName("public-url")
    @WithDefault("http://localhost:8080")
    String publicUrl();

    @WithName("pulse.campaign-days")
    @WithDefault("31")
    int pulseCampaignDays();

    /** How long a raw customer answer is kept (DynamoDB's TTL removes it after). */
    @WithName("retention.customer")
    @WithDefault("P395D")
    Duration customerRetention();

    @WithName("retention.employee")
    @WithDefault("P395D")
    Duration employeeRetention();

    /** How long an audit log entry is kept (DynamoDB's TTL removes it after). */
    @WithName("retention.audit")
    @WithDefault("P731D")
    Duration auditRetention();

    /** How long a retried submission is recognised as the same one. */
    @WithName("idempotency.window")
    @WithDefault("P7D")
    Duration idempotencyWindow();

    /** Answers per device, day and unit code (beyond: {@code rate_limited}). */
    @WithName("device.daily-cap")
    @WithDefault("20")
    int deviceDailyCap();

    /** The smallest employee group whose figures are published (never below 3). */
    @WithName("anonymity.k")
    @WithDefault("5")
    int anonymityK();

    /** The shortest period employee figures are published for. */
    @WithName("anonymity.employee-period")
    @WithDefault("MONTH")
    PeriodType employeePeriod();

    /** How far back a scheduled run re-reads, so that the day before is complete after midnight. */
    @WithName("aggregation.grace")
    @WithDefault("PT3H")
    Duration aggregationGrace();

    /**
     * The longest an answer can take from being received (its time) to being stored: the answer
     * functions' timeout, with room to spare. A run trusts that no answer older than this is still
     * on its way, and reads only what came in after.
     */
    @WithName("aggregation.settle")
    @WithDefault("PT15M")
    Duration aggregationSettle();

    /** How long a run holds its lease before another may take over. */
    @WithName("aggregation.lease")
    @WithDefault("PT15M")
    Duration aggregationLease();

    @WithName("aggregation.parallelism")
    @WithDefault("8")
    int aggregationParallelism();

    /** The address e-mails are sent from: an identity verified in SES (its domain or the address). */
    @WithName("mail.from")
    Optional<String> mailFrom();

    /** Another SES endpoint: the local emulator (aws-ses-v2-local) in the local run and the tests. */
    @WithName("mail.endpoint-override")
    Optional<String> mailEndpointOverride();

    /** The SES region; the function's own region ({@code AWS_REGION}) when absent. */
    @WithName("mail.region")
    Optional<String> mailRegion();

    /** The invitations' SQS queue (the template's InvitationQueue); none locally, where the local run's queue stands in. */
    @WithName("mail.queue-url")
    Optional<String> mailQueueUrl();

    /** Another SQS endpoint (moto_server, for instance); the region's SQS when absent. */
    @WithName("mail.queue-endpoint-override")
    Optional<String> mailQueueEndpointOverride();
}
