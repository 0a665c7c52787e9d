package app.symmetry.mail;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.DefaultBean;
import io.smallrye.config.SmallRyeConfig;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import app.symmetry.SymmetryConfig;

/**
 * The invitations' SQS queue ({@code symmetry.mail.queue-url}, the template's InvitationQueue), ten
 * messages a call; built on first use on the URL-connection client, as the SES client. What SQS does
 * not take is retried once, then the whole call fails as retryable: the caller has told nobody yet.
 */
@DefaultBean
@ApplicationScoped
public class SqsMailQueue implements MailQueue {

    private volatile SqsClient client;
    private volatile String queueUrl;

    public SqsMailQueue() {}

    /** A queue on a client of the caller's (tests: a local SQS). */
    SqsMailQueue(SqsClient client, String queueUrl) {
        this.client = client;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(List<String> messages) {
        SqsClient sqs = client();
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new MailNotSent(MailNotSent.NOT_CONFIGURED, false, "no queue: set symmetry.mail.queue-url", null);
        }
        try {
            for (int from = 0; from < messages.size(); from += 10) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = from; i < Math.min(messages.size(), from + 10); i++) {
                    entries.add(SendMessageBatchRequestEntry.builder()
                            .id(Integer.toString(i))
                            .messageBody(messages.get(i))
                            .build());
                }
                for (int attempt = 0; !entries.isEmpty(); attempt++) {
                    if (attempt == 2) {
                        throw new MailNotSent(
                                MailNotSent.SERVICE_UNAVAILABLE, true, "SQS did not take every message", null);
                    }
                    List<SendMessageBatchRequestEntry> sending = entries;
                    SendMessageBatchResponse response =
                            sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(sending));
                    List<String> failed =
                            response.failed().stream().map(f -> f.id()).toList();
                    entries = sending.stream()
                            .filter(e -> failed.contains(e.id()))
                            .toList();
                }
            }
        } catch (SdkException e) {
            throw new MailNotSent(MailNotSent.UNREACHABLE, true, "SQS did not answer: " + e.getMessage(), e);
        }
    }

    private SqsClient client() {
        SqsClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    SymmetryConfig config = ConfigProvider.getConfig()
                            .unwrap(SmallRyeConfig.class)
                            .getConfigMapping(SymmetryConfig.class);
                    queueUrl = config.mailQueueUrl().orElse(null);
                    SqsClientBuilder builder = SqsClient.builder()
                            .httpClientBuilder(UrlConnectionHttpClient.builder()
                                    .connectionTimeout(Duration.ofSeconds(3))
                                    .socketTimeout(Duration.ofSeconds(5)))
                            .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(10)));
                    config.mailRegion().map(Region::of).ifPresent(builder::region);
                    if (config.mailQueueEndpointOverride().isPresent()) {
                        builder.endpointOverride(
                                URI.create(config.mailQueueEndpointOverride().get()));
                        if (config.mailRegion().isEmpty()) {
                            builder.region(Region.EU_WEST_3);
                        }
                        builder.credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
                    } else {
                        builder.credentialsProvider(
                                DefaultCredentialsProvider.builder().build());
                    }
                    built = builder.build();
                    client = built;
                }
            }
        }
        return built;
    }

    @PreDestroy
    void close() {
        SqsClient built = client;
        if (built != null) {
            built.close();
        }
    }
}
