package app.symmetry.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * A real local AWS endpoint for the APIs without a dedicated emulator (Secrets Manager here): Python
 * moto's {@code moto_server}, started once per test JVM on a free loopback port and stopped with it.
 * The credentials and region are the tests' own ({@code test}/{@code test}, eu-west-3), as for
 * DynamoDB Local: moto accepts any.
 */
public final class MotoServer {

    private static MotoServer instance;

    private final Process process;
    private final String endpoint;
    private SecretsManagerClient secrets;

    private MotoServer(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static synchronized MotoServer instance() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    private static MotoServer start() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path log = Path.of(System.getProperty("user.dir"), "target", "moto-server-" + port + ".log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            String endpoint = "http://127.0.0.1:" + port;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (!answers(endpoint)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("moto_server stopped at start; see " + log);
                }
                if (Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("moto_server did not answer within 2 minutes; see " + log);
                }
                Thread.sleep(200);
            }
            return new MotoServer(process, endpoint);
        } catch (IOException e) {
            throw new IllegalStateException("moto_server could not be started (Python moto installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean answers(String endpoint) {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    URI.create(endpoint + "/moto-api/").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public String endpoint() {
        return endpoint;
    }

    /** A Secrets Manager client of the test's own, to set up and rotate secrets as an operator would. */
    public synchronized SecretsManagerClient secrets() {
        if (secrets == null) {
            secrets = secretsAt(endpoint);
        }
        return secrets;
    }

    /** The same, for a test that knows the endpoint only from the configuration (another class loader). */
    public static SecretsManagerClient secretsAt(String endpoint) {
        return SecretsManagerClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.EU_WEST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A new secret of a name no other test uses, holding {@code value}; its name. */
    public String createSecret(String prefix, String value) {
        String name = prefix + "-" + UUID.randomUUID();
        secrets().createSecret(b -> b.name(name).secretString(value));
        return name;
    }

    /** The secret {@code name} (created, or given a new value) holds {@code value}. */
    public void putSecret(String name, String value) {
        try {
            secrets().createSecret(b -> b.name(name).secretString(value));
        } catch (ResourceExistsException exists) {
            secrets().putSecretValue(b -> b.secretId(name).secretString(value));
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
