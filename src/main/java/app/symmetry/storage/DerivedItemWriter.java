package app.symmetry.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Where an aggregation run writes what it derives from answers (tallies, snapshots): BatchWriteItem
 * in chunks of 25, retrying what DynamoDB leaves unprocessed until all is written, and single
 * updates. One place for every write of a run, so a test can kill a run between any two of them.
 */
@ApplicationScoped
public class DerivedItemWriter {

    /** DynamoDB takes at most 25 items per BatchWriteItem. */
    public static final int CHUNK = 25;
    private static final int ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;

    public DerivedItemWriter(Dynamo dynamo, SymmetryTable table) {
        this.dynamo = dynamo.client();
        this.table = table;
    }

    public void putAll(List<WriteRequest> writes) {
        for (int i = 0; i < writes.size(); i += CHUNK) {
            List<WriteRequest> pending = new ArrayList<>(writes.subList(i, Math.min(writes.size(), i + CHUNK)));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException(pending.size() + " writes left unprocessed by DynamoDB");
                }
                List<WriteRequest> batch = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table.name(), batch)));
                pending = response.unprocessedItems().getOrDefault(table.name(), List.of());
                if (!pending.isEmpty()) {
                    backOff(attempt);
                }
            }
        }
    }

    public UpdateItemResponse update(UpdateItemRequest update) {
        return dynamo.updateItem(update);
    }

    /** Before asking again for what DynamoDB left unprocessed (throttled): 25 ms, doubling, at most 1 s. */
    static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 25L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
