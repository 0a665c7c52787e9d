package app.symmetry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;

/** Whatever way DynamoDB fails, the client hears 503 storage_unavailable, retryable, told what to retry; a bug is not dressed up as one. */
class StorageOperationTest {

    @Test
    void everyKindOfDynamoDbFailureBecomesARetryable503() {
        for (RuntimeException failure : List.of(
                SdkClientException.create("connection refused"),
                ProvisionedThroughputExceededException.builder()
                        .message("throttled")
                        .build(),
                ResourceNotFoundException.builder().message("no table").build(),
                ApiCallTimeoutException.create(3000))) {
            assertUnavailable(
                    () -> StorageOperation.READ.call(() -> {
                        throw failure;
                    }),
                    "retry the request");
        }
    }

    @Test
    void onlyAnAnswersWriteSpeaksOfItsSubmissionId() {
        for (StorageOperation operation : StorageOperation.values()) {
            SymmetryException refusal = unavailable(() -> operation.run(() -> {
                throw SdkClientException.create("down");
            }));
            assertThat(refusal.error().error().message().contains("submissionId"))
                    .as(operation.name())
                    .isEqualTo(operation == StorageOperation.ANSWER_WRITE);
        }
    }

    @Test
    void aBatchDynamoDbKeepsLeavingUnprocessedIsA503NotA500() {
        AtomicInteger sent = new AtomicInteger();
        assertUnavailable(
                () -> StorageOperation.AGGREGATION_RUN.run(() -> Batches.untilProcessed(
                        List.of("item"),
                        pending -> {
                            sent.incrementAndGet();
                            return pending;
                        },
                        List::isEmpty)),
                "run it again");
        assertThat(sent).hasValue(8);
    }

    @Test
    void aBugIsNotReportedAsAStorageFailure() {
        assertThatThrownBy(() -> StorageOperation.READ.call(() -> {
                    throw new IllegalArgumentException("a bug");
                }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batchesAreCutToTheSizeAndKeepEveryItemInOrder() {
        List<Integer> items = IntStream.range(0, 51).boxed().toList();
        List<List<Integer>> batches = Batches.of(items, Batches.WRITE);
        assertThat(batches).extracting(List::size).containsExactly(25, 25, 1);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(items);
        assertThat(Batches.of(List.of(), Batches.GET)).isEmpty();
    }

    private static void assertUnavailable(Runnable call, String advice) {
        assertThat(unavailable(call).error().error().message()).contains(advice);
    }

    private static SymmetryException unavailable(Runnable call) {
        try {
            call.run();
        } catch (SymmetryException refusal) {
            assertThat(refusal.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
            assertThat(refusal.error().error().retryable()).isTrue();
            return refusal;
        }
        throw new AssertionError("no refusal");
    }
}
