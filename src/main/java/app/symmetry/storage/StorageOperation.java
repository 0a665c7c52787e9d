package app.symmetry.storage;

import java.util.function.Supplier;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.exception.SdkException;

import app.symmetry.error.SymmetryException;

/**
 * What a store was doing when DynamoDB failed, and so what the client is told: the one place where a
 * storage failure becomes {@code 503 storage_unavailable}, retryable. Every public store method runs
 * its DynamoDB calls through one of these. A failure is any {@link SdkException} (unreachable,
 * throttled, timed out, table missing, a condition no store expected) and any retry loop of a store
 * that runs out ({@link RetriesExhausted}); nothing else is caught, so a bug stays a bug. Each is counted
 * in the functions' own failure metric ({@link FailureMetric}), which the alarms watch.
 */
enum StorageOperation {

    /** Nothing was written: the same request again is all it takes. */
    READ("storage did not answer; retry the request"),
    /** The answer may or may not be stored: only the same submissionId keeps a retry from counting it twice. */
    ANSWER_WRITE("storage did not take the answer; retry with the same submissionId"),
    REVOCATION("storage did not answer, the code is not revoked; retry the request"),
    /** A key made, or revoked: the same request again (a key not shown was never made usable). */
    KEY_WRITE("storage did not answer, the key is not made or revoked; retry the request"),
    /** A campaign started, or credentials' issuing recorded: none were returned, so none exist to use. */
    CAMPAIGN_WRITE("storage did not answer, nothing was started or issued; retry the request"),
    /** A follow-up moved, an address erased, a notice taken or marked: each conditional, so the same request again is safe. */
    FOLLOW_UP_WRITE("storage did not answer, the follow-up may be unchanged; retry the request"),
    /** An act recorded in the audit log: the act was not answered, so the same request again records it. */
    AUDIT_WRITE("storage did not answer, the act is not recorded and not confirmed; retry the request"),
    /** A batch of invitations recorded, before any is queued: none was sent, the same request again is safe. */
    INVITATION_WRITE("storage did not answer, no invitation was queued; retry the request"),
    /** The sender's own bookkeeping: its queue message comes back and the e-mails not yet sent are tried again. */
    DELIVERY("storage did not answer during delivery; the queue delivers the message again"),
    /** Each step of a run is a pure function of what the previous one stored: a run repeated leaves what one run leaves. */
    AGGREGATION_RUN("storage did not answer, the aggregation run did not finish; run it again");

    private static final Logger LOG = Logger.getLogger(StorageOperation.class);

    private final String advice;

    StorageOperation(String advice) {
        this.advice = advice;
    }

    <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException | RetriesExhausted failure) {
            LOG.warnf("storage failed during %s, client told to retry: %s", this, failure.getMessage());
            FailureMetric.count("storage", name());
            throw SymmetryException.storageUnavailable(advice, failure);
        }
    }

    void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** A store's own retry loop gave up (conflicts, unprocessed items) or was interrupted. */
    static final class RetriesExhausted extends RuntimeException {
        RetriesExhausted(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
