package app.symmetry.token;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.amazon.common.runtime.AmazonClientCommonRecorder;
import io.quarkiverse.amazon.common.runtime.AmazonClientConfig;
import io.quarkiverse.amazon.common.runtime.AmazonClientUrlConnectionTransportRecorder;
import io.quarkiverse.amazon.common.runtime.ClientUtil;
import io.quarkiverse.amazon.dynamodb.runtime.DynamoDbConfig;
import io.quarkus.runtime.RuntimeValue;
import io.smallrye.config.SmallRyeConfig;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The signing keys' Secrets Manager secret, read with the plain SDK client. Built as
 * {@code storage/Dynamo} builds the DynamoDB client: the same URL-connection HTTP client settings and
 * the same AWS identity (region and credentials of {@code quarkus.dynamodb.aws.*}: on Lambda, the
 * function's role), with an endpoint of its own ({@code symmetry.token.secrets-endpoint}, for a VPC
 * endpoint or a local Secrets Manager) rather than DynamoDB's override. Only the functions that sign
 * or check tokens ever build it ({@link SigningKeys#USERS}); their IAM allows {@code GetSecretValue} on
 * that one secret and nothing else does.
 */
public final class KeySecret implements SigningKeys.Source {

    private static final String SERVICE = "secretsmanager";

    private final SecretsManagerClient client;
    private final String secretId;

    public KeySecret(SecretsManagerClient client, String secretId) {
        this.client = client;
        this.secretId = secretId;
    }

    /** A reader of {@code secretId} with the application's AWS identity and HTTP client. */
    static KeySecret withApplicationIdentity(String secretId, Optional<String> endpoint) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        DynamoDbConfig dynamo = config.getConfigMapping(DynamoDbConfig.class);
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder();
        builder.httpClientBuilder(new AmazonClientUrlConnectionTransportRecorder()
                .configureSync(SERVICE, new RuntimeValue<>(dynamo.syncClient()))
                .getValue());
        AmazonClientConfig defaults = dynamo.clients().get(ClientUtil.DEFAULT_CLIENT_NAME);
        AmazonClientCommonRecorder.initAwsClient(builder, SERVICE, SERVICE, defaults.aws(), defaults.aws());
        endpoint.filter(e -> !e.isBlank()).map(URI::create).ifPresent(builder::endpointOverride);
        // A key read that hangs would hold the function's first call: fail fast, the caller retries.
        builder.overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(5)));
        return new KeySecret(builder.build(), secretId);
    }

    @Override
    public String read() {
        String value = client.getSecretValue(b -> b.secretId(secretId)).secretString();
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the signing-key secret " + secretId + " has no SecretString");
        }
        return value;
    }

    @Override
    public String toString() {
        return "secret " + secretId;
    }
}
