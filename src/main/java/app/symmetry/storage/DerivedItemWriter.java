package app.symmetry.storage;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Where an aggregation run writes what it derives from answers (tallies, snapshots): single conditional
 * updates and puts, since overlapping runs write newer-wins and a closed period's employee side is kept
 * (a BatchWriteItem takes no condition). One place for every write of a run, so a test can kill a run
 * between any two of them.
 */
@ApplicationScoped
public class DerivedItemWriter {

    private final DynamoDbClient dynamo;

    public DerivedItemWriter(Dynamo dynamo) {
        this.dynamo = dynamo.client();
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
