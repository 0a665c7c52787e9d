package app.symmetry.storage;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Where an aggregation run writes what it derives from answers (tallies, snapshots): BatchWriteItem
 * in batches of {@value Batches#WRITE}, sent again for what DynamoDB leaves unprocessed, and single
 * updates. One place for every write of a run, so a test can kill a run between any two of them.
 */
@ApplicationScoped
public class DerivedItemWriter {

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;

    public DerivedItemWriter(Dynamo dynamo, SymmetryTable table) {
        this.dynamo = dynamo.client();
        this.table = table;
    }

    public void putAll(List<WriteRequest> writes) {
        for (List<WriteRequest> batch : Batches.of(writes, Batches.WRITE)) {
            Batches.untilProcessed(batch, pending -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(table.name(), pending)))
                    .unprocessedItems().getOrDefault(table.name(), List.of()), List::isEmpty);
        }
    }

    public UpdateItemResponse update(UpdateItemRequest update) {
        return dynamo.updateItem(update);
    }

    /**
     * One conditional put: false when its condition does not hold (what the item already holds is to
     * be kept), which for a derived item is an outcome, not a failure.
     */
    public boolean putIf(PutItemRequest put) {
        try {
            dynamo.putItem(put);
            return true;
        } catch (ConditionalCheckFailedException kept) {
            return false;
        }
    }
}
