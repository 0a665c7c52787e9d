package app.symmetry.testing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;

import app.symmetry.storage.BatchWriter;
import app.symmetry.storage.SymmetryTable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The real batch writer, which a test can arm to fail after some writes: a run killed half-way.
 * A write is one DynamoDB batch (at most 25 items), as a run dies between two of them: a long list
 * (a run's snapshots) is written chunk by chunk and can die after some of its chunks.
 */
@Alternative
@Priority(1)
@jakarta.inject.Singleton
public class FlakyBatchWriter extends BatchWriter {

    private final AtomicInteger budget = new AtomicInteger(-1);
    private final AtomicInteger written = new AtomicInteger();

    public FlakyBatchWriter(DynamoDbClient dynamo, SymmetryTable table) {
        super(dynamo, table);
    }

    /** The next {@code writes} batch calls succeed; the one after fails, and so do all later ones until disarmed. */
    public void failAfter(int writes) {
        budget.set(writes);
    }

    public void disarm() {
        budget.set(-1);
    }

    /** Batches of up to 25 items written since the last {@link #resetCount()}: where a run's kill points lie. */
    public int batchesWritten() {
        return written.get();
    }

    public void resetCount() {
        written.set(0);
    }

    @Override
    public void write(List<WriteRequest> writes) {
        for (int i = 0; i < writes.size(); i += CHUNK) {
            if (budget.get() >= 0 && budget.getAndDecrement() == 0) {
                budget.set(0);
                throw SdkClientException.create("injected failure: the run dies here");
            }
            super.write(writes.subList(i, Math.min(writes.size(), i + CHUNK)));
            written.incrementAndGet();
        }
    }

}
