package app.symmetry.testing;

import java.util.Map;

import app.symmetry.local.EmbeddedDynamoDb;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One in-memory DynamoDB Local for the whole test run, shared by every Quarkus restart (each test
 * profile restarts the application, not the database).
 */
public class DynamoDbLocalResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedDynamoDb dynamo;

    @Override
    public synchronized Map<String, String> start() {
        if (dynamo == null) {
            dynamo = EmbeddedDynamoDb.start(0, null);
            Runtime.getRuntime().addShutdownHook(new Thread(dynamo::close));
        }
        return Map.of("quarkus.dynamodb.endpoint-override", dynamo.endpoint());
    }

    @Override
    public void stop() {
        // kept for the next profile's restart; the shutdown hook ends it with the JVM
    }

    public static EmbeddedDynamoDb instance() {
        return dynamo;
    }
}
