package app.symmetry.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import app.symmetry.local.LocalMailQueue;
import app.symmetry.testing.Api;
import app.symmetry.testing.FaultySes;
import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.Invitations;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.SesEmulator;

/**
 * The sender function as SQS invokes it (through the Lambda mock event server): the queue's messages,
 * taken from the local queue, delivered while SES throttles or is down, then again, then twice.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.DeliverInvitations.class)
class InvitationDeliveryTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    LocalMailQueue queue;

    private static String ses() {
        return ConfigProvider.getConfig().getValue("symmetry.mail.endpoint-override", String.class);
    }

    @AfterEach
    void sesBack() {
        FaultySes.set(ses(), "none");
    }

    private static Map<String, Object> sqsEvent(List<String> bodies) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            records.add(Map.of(
                    "messageId",
                    "message-" + i,
                    "receiptHandle",
                    "handle-" + i,
                    "body",
                    bodies.get(i),
                    "attributes",
                    Map.of("ApproximateReceiveCount", "1"),
                    "messageAttributes",
                    Map.of(),
                    "eventSource",
                    "aws:sqs",
                    "eventSourceARN",
                    "arn:aws:sqs:eu-west-3:123456789012:symmetry-invitations",
                    "awsRegion",
                    "eu-west-3"));
        }
        return Map.of("Records", records);
    }

    private Map<String, Object> report(String batchId) {
        return Api.manager(base)
                .queryParam("batchId", batchId)
                .get("/getInvitationBatch")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
    }

    @Test
    void sesThrottledOrDownIsRetriedAndNothingIsSentTwice() {
        List<String> customers = Invitations.freshAddresses(12);
        String batchId = Invitations.send(
                base, Api.KEY, Map.of("unitId", "grenoble-victor-hugo", "kind", "customer", "emails", customers));
        List<String> messages = queue.take();
        assertThat(messages).as("ten addresses a message").hasSize(2);
        for (String m : messages) {
            assertThat(m).doesNotContain("#t=").contains(batchId);
        }

        FaultySes.set(ses(), "throttle");
        LambdaClient.invoke(sqsEvent(messages))
                .statusCode(200)
                .body("batchItemFailures.itemIdentifier", equalTo(List.of("message-0", "message-1")));
        FaultySes.set(ses(), "down");
        LambdaClient.invoke(sqsEvent(messages)).statusCode(200).body("batchItemFailures", hasSize(2));
        for (String c : customers) {
            assertThat(SesEmulator.ofApplication().mailTo(c)).isEmpty();
        }
        Map<String, Object> waiting = report(batchId);
        assertThat(waiting)
                .containsEntry("pending", 12)
                .containsEntry("sent", 0)
                .containsEntry("failed", 0);
        // each message tried its first address, and left the rest for later
        assertThat((List<Map<String, Object>>) waiting.get("notSent"))
                .hasSize(2)
                .allSatisfy(n ->
                        assertThat(n).containsEntry("state", "pending").containsEntry("reason", "service_unavailable"));

        // SES is back: the queue delivers the messages again
        FaultySes.set(ses(), "none");
        LambdaClient.invoke(sqsEvent(messages)).statusCode(200).body("batchItemFailures", empty());
        // and once more, as SQS may (at-least-once delivery)
        LambdaClient.invoke(sqsEvent(messages)).statusCode(200).body("batchItemFailures", empty());
        for (String c : customers) {
            assertThat(SesEmulator.ofApplication().mailTo(c)).as(c).hasSize(1);
        }
        Map<String, Object> done = report(batchId);
        assertThat(done).containsEntry("pending", 0).containsEntry("sent", 12);
        assertThat((List<?>) done.get("notSent")).isEmpty();
    }

    @Test
    void anAddressSesKeepsRefusingFailsWithItsReasonAndCanBeInvitedAgain() {
        List<String> one = Invitations.freshAddresses(1);
        String batchId = Invitations.send(
                base, Api.KEY, Map.of("unitId", "grenoble-victor-hugo", "kind", "customer", "emails", one));
        List<String> messages = queue.take();
        FaultySes.set(ses(), "throttle");
        for (int attempt = 1; attempt < InvitationService.MAX_ATTEMPTS; attempt++) {
            LambdaClient.invoke(sqsEvent(messages)).statusCode(200).body("batchItemFailures", hasSize(1));
        }
        // the last attempt settles it: failed, the message done with
        LambdaClient.invoke(sqsEvent(messages)).statusCode(200).body("batchItemFailures", empty());
        Map<String, Object> failed = report(batchId);
        assertThat(failed).containsEntry("failed", 1).containsEntry("pending", 0);
        assertThat((List<Map<String, Object>>) failed.get("notSent"))
                .singleElement()
                .satisfies(
                        n -> assertThat(n).containsEntry("reason", "throttled").containsEntry("index", 0));

        // nothing went out, so the address is free for the next batch
        FaultySes.set(ses(), "none");
        Invitations.send(base, Api.KEY, Map.of("unitId", "grenoble-victor-hugo", "kind", "customer", "emails", one));
        LambdaClient.invoke(sqsEvent(queue.take())).statusCode(200).body("batchItemFailures", empty());
        assertThat(SesEmulator.ofApplication().mailTo(one.get(0))).hasSize(1);
    }
}
