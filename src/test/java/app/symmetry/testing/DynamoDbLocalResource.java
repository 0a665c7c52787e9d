package app.symmetry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import app.symmetry.local.EmbeddedDynamoDb;
import app.symmetry.storage.SymmetryTable;

/**
 * One in-memory DynamoDB Local for the whole test run, shared by every Quarkus restart (each test
 * profile restarts the application, not the database).
 * <p>
 * For a {@code @QuarkusIntegrationTest} the application is the packaged artifact in another process:
 * it reads neither the test resources' application.properties nor has the local run's table set-up
 * (both are test-only). Quarkus passes what {@link #start()} returns to that process, so the test
 * configuration goes with the endpoint, and the table is created here, as the stack creates it on AWS.
 * A {@code @QuarkusTest} gets the same values it reads anyway (a test profile's overrides still win).
 */
public class DynamoDbLocalResource implements QuarkusTestResourceLifecycleManager {

    /** The table name of the application's configuration (src/main/resources/application.properties). */
    public static final String TABLE = "symmetry";

    private static EmbeddedDynamoDb dynamo;
    private static DynamoDbClient client;

    @Override
    public synchronized Map<String, String> start() {
        if (dynamo == null) {
            dynamo = EmbeddedDynamoDb.start(0, null);
            Runtime.getRuntime().addShutdownHook(new Thread(dynamo::close));
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.dynamodb.endpoint-override", dynamo.endpoint());
        new SymmetryTable(TABLE).createIfMissing(client());
        testConfiguration().forEach(config::putIfAbsent);
        return config;
    }

    @Override
    public void stop() {
        // kept for the next profile's restart; the shutdown hook ends it with the JVM
    }

    public static EmbeddedDynamoDb instance() {
        return dynamo;
    }

    /**
     * A client of the test's own, not the application's, to DynamoDB Local. A @QuarkusTest runs in the
     * application's class loader, where this class is another copy: it finds the endpoint in the configuration.
     */
    public static synchronized DynamoDbClient client() {
        if (client == null) {
            String endpoint = dynamo != null
                    ? dynamo.endpoint()
                    : ConfigProvider.getConfig().getValue("quarkus.dynamodb.endpoint-override", String.class);
            client = DynamoDbClient.builder()
                    .endpointOverride(URI.create(endpoint))
                    .region(Region.EU_WEST_3)
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .build();
        }
        return client;
    }

    /**
     * src/test/resources/application.properties, as the @QuarkusTests run with it, less what belongs to
     * the test process itself (its ports: the mock event server runs here, and nothing listens over HTTP
     * in the Lambda artifact).
     */
    private static Map<String, String> testConfiguration() {
        try {
            for (URL url : Collections.list(
                    DynamoDbLocalResource.class.getClassLoader().getResources("application.properties"))) {
                if (url.getPath().contains("/test-classes/")) {
                    Properties p = new Properties();
                    try (InputStream in = url.openStream()) {
                        p.load(in);
                    }
                    Map<String, String> config = new LinkedHashMap<>();
                    p.stringPropertyNames().stream()
                            .filter(k -> !k.startsWith("quarkus.lambda.") && !k.startsWith("quarkus.http."))
                            .forEach(k -> config.put(k, p.getProperty(k)));
                    return config;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no test-classes/application.properties on the class path");
    }
}
