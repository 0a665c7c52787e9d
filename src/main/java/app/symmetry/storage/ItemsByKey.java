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
 * Items read by key, 100 keys to a BatchGetItem, asking again for what DynamoDB leaves unprocessed
 * (throttled) until every key is answered. Items come back in no particular order; absent keys are
 * simply missing.
 */
final class ItemsByKey {

    /** DynamoDB takes at most 100 keys per BatchGetItem. */
    static final int BATCH_GET = 100;
    private static final int ATTEMPTS = 8;

    private ItemsByKey() {
    }

    /** @param shape consistency, projection: applied to every request */
    static List<Map<String, AttributeValue>> read(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys,
            UnaryOperator<KeysAndAttributes.Builder> shape) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += BATCH_GET) {
            Map<String, KeysAndAttributes> pending = Map.of(table,
                    shape.apply(KeysAndAttributes.builder().keys(keys.subList(i, Math.min(keys.size(), i + BATCH_GET)))).build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("items left unread by DynamoDB after " + ATTEMPTS + " attempts");
                }
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse page = dynamo.batchGetItem(b -> b.requestItems(request));
                items.addAll(page.responses().getOrDefault(table, List.of()));
                pending = page.hasUnprocessedKeys() ? page.unprocessedKeys() : Map.of();
                if (!pending.isEmpty()) {
                    DerivedItemWriter.backOff(attempt);
                }
            }
        }
        return items;
    }
}
