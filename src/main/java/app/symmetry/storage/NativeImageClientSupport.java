package app.symmetry.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.properties.IfBuildProperty;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Native builds only: one injection point of the extension's own {@link DynamoDbClient}. The
 * amazon-dynamodb extension prepares a client for native-image (its HTTP client's service
 * registration, the SDK's interceptor files, SSL support) only for clients something injects, and
 * {@link Dynamo}, which the application uses, injects none, to keep the client off a JVM start. So
 * the native build keeps what it needs. Never used at run time.
 */
@IfBuildProperty(name = "quarkus.native.enabled", stringValue = "true")
@Unremovable
@ApplicationScoped
class NativeImageClientSupport {

    @Inject
    DynamoDbClient client;
}
