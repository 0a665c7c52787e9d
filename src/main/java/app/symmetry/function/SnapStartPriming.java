package app.symmetry.function;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.PreloadClassesRecorder;
import io.quarkus.runtime.StartupEvent;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.answer.SubmissionReceipt;
import app.symmetry.error.ApiError;
import app.symmetry.error.ErrorCode;
import app.symmetry.link.FormDescription;
import app.symmetry.storage.AnswerStore;
import app.symmetry.storage.Dynamo;
import app.symmetry.storage.RevokedCodeStore;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.token.SigningKeys;

/**
 * Lambda SnapStart priming (JVM runtime only). Before the snapshot is taken, round trips to
 * DynamoDB (a read, and an answer's write path refused whole on its conditions) and one trip through
 * the JSON path load, link and JIT-warm the classes every first call needs (SDK signing and HTTP client, request marshalling, error unmarshalling, Jackson's
 * serialisers for the records the functions return): an unprimed restore is slower on its first
 * call than a plain JVM start.
 * <p>
 * Created, and registered with {@code org.crac}, only where a snapshot will be taken: Lambda sets
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} during a SnapStart function's init. A plain cold
 * start, the local run and the tests do not create it (as a {@code @Startup} bean it would cost every
 * cold start of every function a bean, a CRaC registration and their classes, for nothing).
 * Without a CRaC runtime {@code org.crac} would register into a no-op context anyway, and
 * {@link #beforeCheckpoint} would never run. The DynamoDB call reads a key no
 * function writes ({@code PRIME#…}); most functions' IAM does not even allow it (their
 * {@code dynamodb:LeadingKeys} condition), and that refusal warms the same code path, so every
 * failure is ignored.
 * <p>
 * The DynamoDB client ({@link Dynamo}, built on first use) is first used here only when a checkpoint
 * is taken: a plain cold start (no SnapStart) of a function that never calls DynamoDB, or calls it
 * later, does not pay for building it here.
 * <p>
 * Quarkus's own preloading of every application class is moved here for the same reason
 * ({@code quarkus.snapstart.preload-classes=false} in application.properties): the snapshot still
 * holds them all, a plain JVM start loads only the classes its one function uses.
 */
@Singleton
public class SnapStartPriming implements Resource {

    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class);

    private final Dynamo dynamo;
    private final SymmetryTable table;
    private final ObjectMapper json;
    private final AnswerStore answers;
    private final RevokedCodeStore revoked;
    private final Instance<SigningKeys> keys;

    static void registerBeforeSnapshot(@Observes StartupEvent start, Instance<SnapStartPriming> priming) {
        if (snapshotWillBeTaken(System.getenv())) {
            priming.get();
        }
    }

    static boolean snapshotWillBeTaken(Map<String, String> environment) {
        return "snap-start".equals(environment.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
    }

    public SnapStartPriming(
            Dynamo dynamo,
            SymmetryTable table,
            ObjectMapper json,
            AnswerStore answers,
            RevokedCodeStore revoked,
            Instance<SigningKeys> keys) {
        this.dynamo = dynamo;
        this.table = table;
        this.json = json;
        this.answers = answers;
        this.revoked = revoked;
        this.keys = keys;
        // org.crac keeps registered resources weakly: this bean (a singleton) keeps it alive.
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        PreloadClassesRecorder.preloadClasses(true);
        primeJson();
        primeDynamoDb();
        readSigningKeys();
    }

    /**
     * The functions that sign or check tokens read their keys now, so that the first call after a restore
     * does not (the keys are read again once their refresh delay has passed, which a restore from an older
     * snapshot finds already passed). A failure here is the function's init failing: it could not sign.
     */
    void readSigningKeys() {
        String export = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.funqy.export", String.class)
                .orElse("");
        if (SigningKeys.USERS.contains(export)) {
            keys.get().current();
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to restore: the SDK re-opens connections that went stale in the snapshot.
    }

    void primeDynamoDb() {
        try {
            dynamo.client()
                    .getItem(b -> b.tableName(table.name())
                            .key(Map.of(
                                    SymmetryTable.PK, AttributeValue.fromS("PRIME#snapstart"),
                                    SymmetryTable.SK, AttributeValue.fromS("-"))));
        } catch (RuntimeException expected) {
            LOG.debugf(
                    "SnapStart priming: DynamoDB answered %s",
                    expected.getClass().getSimpleName());
        }
        // the answer's own path: the revocation read (a code id no token carries) and a write refused
        // whole on its conditions (AnswerStore.primeRefusedWrite); nothing is written
        try {
            revoked.isRevoked("snapstart-priming", Instant.now());
        } catch (RuntimeException expected) {
            LOG.debugf("SnapStart priming: revocation read answered %s", expected.toString());
        }
        try {
            answers.primeRefusedWrite();
        } catch (RuntimeException expected) {
            LOG.debugf("SnapStart priming: write path answered %s", expected.toString());
        }
    }

    void primeJson() {
        try {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("submissionId", "3f0c2a8e-6c1b-4b5e-9a57-2f1d4b8e9c10");
            request.put("token", "prime");
            request.put("recommend", 9);
            request.put("ratings", Map.of("listening", 5));
            Map<String, Object> envelope =
                    Map.of("body", request, "origin", Map.of("sourceIp", "192.0.2.1", "userAgent", "prime"));
            String text = json.writeValueAsString(envelope);
            json.readValue(text, new TypeReference<Map<String, Object>>() {});
            json.writeValueAsString(SubmissionReceipt.accepted("3f0c2a8e-6c1b-4b5e-9a57-2f1d4b8e9c10"));
            json.writeValueAsString(ApiError.of(ErrorCode.INVALID_FIELD, "recommend", "prime"));
            json.writeValueAsString(new FormDescription(
                    "customer", new FormDescription.UnitRef("u", "U"), List.of("fr"), false, null, null));
        } catch (Exception ignored) {
            LOG.debugf("SnapStart priming: JSON path failed: %s", ignored.toString());
        }
    }
}
