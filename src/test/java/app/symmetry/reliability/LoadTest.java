package app.symmetry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.storage.SymmetryTable;
import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;
import app.symmetry.testing.ReliabilityCounters;
import app.symmetry.testing.TableItems;

/**
 * Concurrent senders post customer answers to one unit's QR code over the local HTTP binding; one
 * send in ten repeats an earlier submission id of the same sender, as a phone retrying would. Every
 * acknowledged answer must be stored exactly once, nothing else stored, no 5xx.
 */
@QuarkusTest
class LoadTest {

    /** A unit whose customer answers of today only this test reads by id (others' ids are ignored). */
    static final String UNIT = "annecy-vieille-ville";

    @TestHTTPResource("/")
    URL base;

    @Inject
    TableItems table;

    record Sent(String submissionId, boolean retry, int status, String outcome) {}

    @Test
    void concurrentAnswersWithRetriesAreStoredExactlyOnce() throws Exception {
        int threads = ReliabilityCounters.heavy() ? 16 : 8;
        int perThread = ReliabilityCounters.heavy() ? 1000 : 150;
        String code = Api.manager(base)
                .body(Map.of("unitId", UNIT, "kind", "customer"))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("token");

        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger serverErrors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int sender = t;
            senders.add(pool.submit(() -> {
                Random random = new Random(7919L * (sender + 1));
                List<Map<String, Object>> mine = new ArrayList<>();
                Map<String, String> agentOf = new HashMap<>();
                for (int i = 0; i < perThread; i++) {
                    boolean retry = !mine.isEmpty() && random.nextInt(10) == 0;
                    Map<String, Object> body;
                    if (retry) {
                        body = mine.get(random.nextInt(mine.size()));
                    } else {
                        body = Answers.with(Answers.feedback(code), "recommend", random.nextInt(11));
                        mine.add(body);
                        // each answer from its own phone: the per-device cap is not what this test is about
                        agentOf.put((String) body.get("submissionId"), "load-" + sender + "-" + UUID.randomUUID());
                    }
                    String id = (String) body.get("submissionId");
                    Http.Reply reply = Http.post(base, "submitFeedback", body, agentOf.get(id));
                    if (reply.status() >= 500) {
                        serverErrors.incrementAndGet();
                    }
                    sent.add(new Sent(
                            id,
                            retry,
                            reply.status(),
                            reply.status() == 200 ? (String) reply.body().get("status") : reply.errorCode()));
                }
                return null;
            }));
        }
        for (Future<?> f : senders) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();

        Set<String> distinct = new HashSet<>();
        Set<String> acknowledged = new HashSet<>();
        Map<String, Boolean> firstAcknowledged = new ConcurrentHashMap<>();
        List<Sent> badRetries = new ArrayList<>();
        synchronized (sent) {
            // in each sender's order: a retry follows its first send in the list
            for (Sent s : sent) {
                distinct.add(s.submissionId());
                boolean ack = s.status() == 200 && ("accepted".equals(s.outcome()) || "duplicate".equals(s.outcome()));
                if (!s.retry()) {
                    firstAcknowledged.put(s.submissionId(), ack);
                } else if (!("duplicate".equals(s.outcome())
                        || ("accepted".equals(s.outcome())
                                && !firstAcknowledged.getOrDefault(s.submissionId(), false)))) {
                    badRetries.add(s);
                }
                if (ack) {
                    acknowledged.add(s.submissionId());
                }
            }
        }

        Map<String, Integer> storedCount = new HashMap<>();
        for (Map<String, AttributeValue> item : table.withKeyPrefix("ANSWER#C#" + UNIT + "#")) {
            String id =
                    SymmetryTable.customerAnswer(item.get(SymmetryTable.SK).s()).submissionId();
            if (distinct.contains(id)) {
                storedCount.merge(id, 1, Integer::sum);
            }
        }
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(storedCount.keySet());

        ReliabilityCounters.add(ReliabilityCounters.LOAD_SENT, sent.size());
        ReliabilityCounters.add(ReliabilityCounters.LOAD_DISTINCT, distinct.size());
        ReliabilityCounters.add(ReliabilityCounters.LOAD_ACKNOWLEDGED, acknowledged.size());
        ReliabilityCounters.add(ReliabilityCounters.LOAD_STORED, storedCount.size());
        ReliabilityCounters.add(ReliabilityCounters.SERVER_ERRORS, serverErrors.get());
        ReliabilityCounters.add(ReliabilityCounters.ANSWERS_LOST, lost.size());

        assertThat(sent).hasSize(threads * perThread);
        assertThat(serverErrors.get()).as("5xx answers").isZero();
        assertThat(badRetries)
                .as("retries not answered duplicate (or accepted after an unacknowledged first send)")
                .isEmpty();
        assertThat(lost).as("acknowledged but not stored").isEmpty();
        assertThat(storedCount.keySet()).as("stored answers of this test").isEqualTo(acknowledged);
        assertThat(storedCount.values()).as("each stored once").allMatch(c -> c == 1);
        assertThat(acknowledged)
                .as("every distinct answer acknowledged under this load")
                .isEqualTo(distinct);
    }
}
