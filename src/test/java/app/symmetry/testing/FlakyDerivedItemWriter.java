package app.symmetry.testing;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import app.symmetry.storage.DerivedItemWriter;
import app.symmetry.storage.Dynamo;

/**
 * The real writer of a run's derived items, which a test can arm to fail after some writes: a run
 * killed half-way. A write is one DynamoDB request (one update or one conditional put), as a run dies
 * between two of them: a run's snapshots are written one by one and it can die after some of them.
 */
@Alternative
@Priority(1)
@Singleton
public class FlakyDerivedItemWriter extends DerivedItemWriter {

    private final AtomicInteger budget = new AtomicInteger(-1);
    private final AtomicInteger written = new AtomicInteger();

    public FlakyDerivedItemWriter(Dynamo dynamo) {
        super(dynamo);
    }

    /** The next {@code writes} batch calls succeed; the one after fails, and so do all later ones until disarmed. */
    public void failAfter(int writes) {
        budget.set(writes);
    }

    public void disarm() {
        budget.set(-1);
    }

    /** Requests written since the last {@link #resetCount()}: where a run's kill points lie. */
    public int writes() {
        return written.get();
    }

    public void resetCount() {
        written.set(0);
    }

    @Override
    public UpdateItemResponse update(UpdateItemRequest update) {
        spend();
        UpdateItemResponse response = super.update(update);
        written.incrementAndGet();
        return response;
    }

    @Override
    public boolean putIf(PutItemRequest put) {
        spend();
        boolean replaced = super.putIf(put);
        written.incrementAndGet();
        return replaced;
    }

    private void spend() {
        if (budget.get() >= 0 && budget.getAndDecrement() == 0) {
            budget.set(0);
            throw SdkClientException.create("injected failure: the run dies here");
        }
    }
}
