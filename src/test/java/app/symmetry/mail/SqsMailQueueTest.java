package app.symmetry.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The invitations' queue as the functions use it on AWS, against a real SQS API: moto's server
 * (installed in the machine's Python), since SQS has no emulator of its own here.
 */
class SqsMailQueueTest {

    private static Process moto;
    private static SqsClient sqs;

    @BeforeAll
    static void startSqs() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        moto = new ProcessBuilder("moto_server", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!listening(port)) {
            assertThat(Instant.now()).as("moto_server started").isBefore(deadline);
            assertThat(moto.isAlive()).as("moto_server runs").isTrue();
            Thread.sleep(200);
        }
        sqs = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.EU_WEST_3)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @AfterAll
    static void stopSqs() {
        if (sqs != null) {
            sqs.close();
        }
        if (moto != null) {
            moto.destroy();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void everyMessageIsQueuedTenACall() {
        String url = sqs.createQueue(b -> b.queueName("invitations-" + System.nanoTime()))
                .queueUrl();
        List<String> messages = IntStream.range(0, 23)
                .mapToObj(i -> "{\"batchId\":\"b\",\"recipients\":[{\"index\":" + i + "}]}")
                .toList();
        new SqsMailQueue(sqs, url).enqueue(messages);

        List<String> received = new ArrayList<>();
        for (int round = 0; round < 20 && received.size() < messages.size(); round++) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10))
                    .messages()) {
                received.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(messages);
    }

    @Test
    void sqsUnreachableIsARetryableFailureAndTheCallerToldNothingWasQueued() {
        String missing = "http://127.0.0.1:1/000000000000/nowhere";
        assertThatThrownBy(() -> new SqsMailQueue(
                                SqsClient.builder()
                                        .endpointOverride(URI.create("http://127.0.0.1:1"))
                                        .region(Region.EU_WEST_3)
                                        .httpClient(UrlConnectionHttpClient.create())
                                        .credentialsProvider(StaticCredentialsProvider.create(
                                                AwsBasicCredentials.create("test", "test")))
                                        .build(),
                                missing)
                        .enqueue(List.of("{}")))
                .isInstanceOfSatisfying(
                        MailNotSent.class, e -> assertThat(e.retryable()).isTrue());
    }
}
