package app.symmetry.storage;

import java.util.concurrent.ScheduledExecutorService;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.amazon.common.runtime.AmazonClientCommonRecorder;
import io.quarkiverse.amazon.common.runtime.AmazonClientConfig;
import io.quarkiverse.amazon.common.runtime.AmazonClientUrlConnectionTransportRecorder;
import io.quarkiverse.amazon.common.runtime.ClientUtil;
import io.quarkiverse.amazon.dynamodb.runtime.DynamoDbBuildTimeConfig;
import io.quarkiverse.amazon.dynamodb.runtime.DynamoDbConfig;
import io.quarkus.runtime.ExecutorRecorder;
import io.quarkus.runtime.RuntimeValue;
import io.smallrye.config.SmallRyeConfig;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client, built when a function first needs it.
 * <p>
 * Injecting {@link DynamoDbClient} anywhere makes the amazon-dynamodb extension build and configure
 * the client's builder (SDK core, HTTP client, SLF4J: some 200 classes) while Quarkus starts, in every
 * function, although {@code listUnits}, {@code issueLinks} and {@code issueUnitCode} never call
 * DynamoDB and the others call it only once they have checked their input; measured in
 * docs/benchmarks.md. So no bean injects the SDK client: they inject this application-scoped bean,
 * which is created, and builds the client, on its first use. The stores that use it stay
 * application-scoped for the same reason (a client proxy creates them on their first call), where
 * the other services are plain singletons: a function that never reaches DynamoDB never builds it.
 * <p>
 * Built with the extension's own configuration and code, so every {@code quarkus.dynamodb.*} setting
 * (region, credentials, endpoint override, timeouts, interceptors, URL-connection client) applies as
 * it would to an injected client: the same steps as the extension's recorders (quarkus-amazon-services 3.16), in the same
 * order, for its default client. Only the default (unnamed) client exists here, and the extension's
 * OpenTelemetry wrapping ({@code quarkus.dynamodb.telemetry.enabled}) would not apply to it.
 */
@ApplicationScoped
public class Dynamo {

    private static final String SERVICE = "dynamodb";

    private final DynamoDbClient client;

    public Dynamo() {
        // Looked up rather than injected: an injected Config comes from a producer bean behind an
        // interceptor that no function needs otherwise (SymmetryConfig).
        SmallRyeConfig smallRye = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        this.client = build(
                smallRye.getConfigMapping(DynamoDbConfig.class),
                smallRye.getConfigMapping(DynamoDbBuildTimeConfig.class));
    }

    public DynamoDbClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    static DynamoDbClient build(DynamoDbConfig config, DynamoDbBuildTimeConfig buildConfig) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder();
        config.enableEndpointDiscovery().ifPresent(builder::endpointDiscoveryEnabled);
        builder.httpClientBuilder(new AmazonClientUrlConnectionTransportRecorder()
                .configureSync(SERVICE, new RuntimeValue<>(config.syncClient()))
                .getValue());
        AmazonClientConfig defaults = config.clients().get(ClientUtil.DEFAULT_CLIENT_NAME);
        AmazonClientCommonRecorder.initAwsClient(builder, SERVICE, SERVICE, defaults.aws(), defaults.aws());
        AmazonClientCommonRecorder.initSdkClientEndpoint(builder, SERVICE, SERVICE, defaults.sdk(), defaults.sdk());
        // the extension hands the SDK Quarkus's executor for its timers (api-call timeouts)
        AmazonClientCommonRecorder.initSdkClient(
                builder, SERVICE, SERVICE, defaults.sdk(), defaults.sdk(), buildConfig.sdk(), (ScheduledExecutorService)
                        ExecutorRecorder.getCurrent());
        return builder.build();
    }
}
