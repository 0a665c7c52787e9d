package app.symmetry.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Items read by key, {@value Batches#GET} keys to a BatchGetItem, asking again for what DynamoDB
 * leaves unprocessed (throttled) until every key is answered: the SDK's low-level client has no
 * paginator for BatchGetItem. Items come back in no particular order; absent keys are simply missing.
 */
final class ItemsByKey {

    private ItemsByKey() {}

    /** @param shape consistency, projection: applied to every request */
    static List<Map<String, AttributeValue>> read(
            DynamoDbClient dynamo,
            String table,
            List<Map<String, AttributeValue>> keys,
            UnaryOperator<KeysAndAttributes.Builder> shape) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (List<Map<String, AttributeValue>> batch : Batches.of(keys, Batches.GET)) {
            Batches.untilProcessed(
                    Map.of(
                            table,
                            shape.apply(KeysAndAttributes.builder().keys(batch)).build()),
                    pending -> {
                        BatchGetItemResponse page = dynamo.batchGetItem(b -> b.requestItems(pending));
                        items.addAll(page.responses().getOrDefault(table, List.of()));
                        return page.hasUnprocessedKeys() ? page.unprocessedKeys() : Map.of();
                    },
                    Map::isEmpty);
        }
        return items;
    }
}
