package app.symmetry.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import app.symmetry.testing.ReliabilityCounters;

/**
 * The crash of issue 20, as an operator would cause it: the local run (a child process, DynamoDB Local
 * embedded, its data on disk) receives customer answers from 8 concurrent senders, each answering its
 * own single-use e-mail link; in the middle of the load its JVM is killed with SIGKILL; it is started
 * again on the same data, and every answer that was not acknowledged is sent again with the same
 * {@code submissionId}. Then every answer must be in the table exactly once: its idempotency record,
 * its link's spent record and the answer itself, one each per submission. An answer acknowledged
 * before the kill and missing afterwards is never resent, so it shows as one short.
 * <p>
 * Rounds: the issue saw a loss in 2 rounds of 7 (p ≈ 0.29 per round). With 14 rounds such a loss
 * escapes with probability (1 − 2/7)^14 = (5/7)^14 ≈ 0.009 (caught 99.1 % of the time); a one-in-two
 * loss escapes with 0.5^14 ≈ 0.00006. This test kills more sharply than the issue's timer did: right
 * as an acknowledgement arrives (after a random number of them), when that answer's commit is most
 * likely still pending; before the fix it lost an acknowledged answer in 13 of 14 rounds (800 answers
 * a round) and 10 of 14 (200 a round). 200 answers a round keep the load going well past the kill
 * and the test short: each round reuses the previous restart, so it is one start of the local run
 * (a few seconds), one kill, the resends and one scan.
 */
class LocalRunKilledMidLoadTest {

    static final int ROUNDS = Integer.getInteger("symmetry.local-run.crash-rounds", 14);
    static final int ANSWERS_PER_ROUND = 200;
    static final int SENDERS = 8;
    static final String TABLE = "symmetry";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Round(
            int round, int acknowledgedBeforeKill, int resent, long submissions, long spent, long answers, long lost) {}

    @Test
    void acknowledgedAnswersSurviveSigkillOfTheLocalRunMidLoad() throws Exception {
        Path work = Path.of("target", "local-run-crash").toAbsolutePath();
        deleteRecursively(work);
        Path data = work.resolve("data");
        long seed = Long.getLong("symmetry.local-run.crash-seed", System.nanoTime());
        Random random = new Random(seed);
        List<Round> rounds = new ArrayList<>();
        long expected = 0;
        LocalRunProcess run = LocalRunProcess.start(data, Map.of());
        try {
            List<String> units = unitIds(run);
            for (int r = 1; r <= ROUNDS; r++) {
                String unit = units.get(r % units.size());
                List<Map<String, Object>> answers = answers(run, unit, ANSWERS_PER_ROUND);
                AtomicIntegerArray acknowledged = new AtomicIntegerArray(answers.size());
                // after at least an eighth and before the last eighth: the kill lands mid-load, with 8 requests in
                // flight
                int killAfter = ANSWERS_PER_ROUND / 8 + random.nextInt(ANSWERS_PER_ROUND * 3 / 4);
                long t0 = System.nanoTime();
                int beforeKill = sendUntilKilled(run, answers, acknowledged, killAfter);
                assertThat(run.isAlive()).isFalse();

                long killedAt = System.nanoTime();
                run = LocalRunProcess.start(data, Map.of());
                long restarted = System.nanoTime();
                int resent = resendUnacknowledged(run, answers, acknowledged);
                long resentAt = System.nanoTime();
                expected += ANSWERS_PER_ROUND;
                Map<String, Long> counts = countByKind(run);
                long submissions = counts.getOrDefault("SUBMISSION#", 0L);
                long spent = counts.getOrDefault("SPENT#", 0L);
                long stored = counts.getOrDefault("ANSWER#", 0L);
                long lost = Math.max(0, expected - Math.min(submissions, Math.min(spent, stored)));
                rounds.add(new Round(r, beforeKill, resent, submissions, spent, stored, lost));
                ReliabilityCounters.add(ReliabilityCounters.LOCAL_RUN_ACKNOWLEDGED_LOST, lost);
                if (lost == 0) {
                    ReliabilityCounters.add(ReliabilityCounters.LOCAL_RUN_CRASHES_SURVIVED, 1);
                }
                // the next round counts from what is really there
                expected = Math.max(submissions, Math.max(spent, stored));
                System.out.printf(
                        "local run crash round %d/%d: %d acknowledged before SIGKILL, %d resent; "
                                + "%d idempotency records, %d spent links, %d answers; lost %d (load %d ms, restart %d ms, resend %d ms, count %d ms)%n",
                        r,
                        ROUNDS,
                        beforeKill,
                        resent,
                        submissions,
                        spent,
                        stored,
                        lost,
                        (killedAt - t0) / 1_000_000,
                        (restarted - killedAt) / 1_000_000,
                        (resentAt - restarted) / 1_000_000,
                        (System.nanoTime() - resentAt) / 1_000_000);
            }
        } finally {
            run.close();
        }
        assertThat(rounds)
                .as("seed %d (-Dsymmetry.local-run.crash-seed to replay); logs in %s", seed, work)
                .allSatisfy(round -> {
                    assertThat(round.lost())
                            .as("acknowledged answers lost in round %d", round.round())
                            .isZero();
                    assertThat(round.submissions())
                            .as("idempotency records = spent links = answers, round %d", round.round())
                            .isEqualTo(round.spent())
                            .isEqualTo(round.answers());
                });
        assertThat(rounds).hasSize(ROUNDS);
    }

    /** 8 senders, each answer once; the one that sees the {@code killAfter}-th acknowledgement kills the run. */
    private static int sendUntilKilled(
            LocalRunProcess run, List<Map<String, Object>> answers, AtomicIntegerArray acknowledged, int killAfter)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger acks = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                done.add(senders.submit(() -> {
                    for (int i; !killed.get() && (i = next.getAndIncrement()) < answers.size(); ) {
                        HttpResponse<String> reply;
                        try {
                            reply = submit(run, answers.get(i));
                        } catch (UncheckedIOException e) {
                            return; // killed while in flight: not acknowledged
                        }
                        if (reply.statusCode() == 200
                                && (reply.body().contains("\"accepted\"")
                                        || reply.body().contains("\"duplicate\""))) {
                            acknowledged.set(i, 1);
                            if (acks.incrementAndGet() == killAfter && killed.compareAndSet(false, true)) {
                                run.kill();
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            senders.shutdownNow();
        }
        if (!killed.get()) {
            run.kill();
        }
        int before = 0;
        for (int i = 0; i < answers.size(); i++) {
            before += acknowledged.get(i);
        }
        return before;
    }

    /** Every answer not acknowledged before the kill, again with its submissionId: each must now be acknowledged. */
    private static int resendUnacknowledged(
            LocalRunProcess run, List<Map<String, Object>> answers, AtomicIntegerArray acknowledged) throws Exception {
        List<Map<String, Object>> unacknowledged = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            if (acknowledged.get(i) == 0) {
                unacknowledged.add(answers.get(i));
            }
        }
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<HttpResponse<String>>> replies = new ArrayList<>();
            for (Map<String, Object> answer : unacknowledged) {
                replies.add(senders.submit(() -> submit(run, answer)));
            }
            for (Future<HttpResponse<String>> f : replies) {
                HttpResponse<String> reply = f.get(5, TimeUnit.MINUTES);
                assertThat(reply.statusCode())
                        .as("a resent answer: %s", reply.body())
                        .isEqualTo(200);
                assertThat(reply.body()).containsAnyOf("\"accepted\"", "\"duplicate\"");
            }
        } finally {
            senders.shutdownNow();
        }
        return unacknowledged.size();
    }

    private static HttpResponse<String> submit(LocalRunProcess run, Map<String, Object> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(run.baseUrl().resolve("submitFeedback"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "crash-test")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One answer per single-use link of {@code GET /links.csv}, each with its own fixed submissionId. */
    private static List<Map<String, Object>> answers(LocalRunProcess run, String unit, int count) throws Exception {
        HttpResponse<String> csv = HTTP.send(
                HttpRequest.newBuilder(run.baseUrl()
                                .resolve("links.csv?unitId=" + unit + "&kind=customer&count=" + count
                                        + "&expiresInDays=30"))
                        .header("x-api-key", LocalRunProcess.API_KEY)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        int token = List.of(lines.get(0).split(",")).indexOf("token");
        List<Map<String, Object>> answers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Map<String, Object> body = new HashMap<>();
            body.put("submissionId", UUID.randomUUID().toString());
            body.put("token", line.split(",")[token]);
            body.put("language", "fr");
            body.put("recommend", 9);
            body.put(
                    "ratings",
                    Map.of("listening", 5, "ownership", 4, "information", 4, "recognition", 5, "cooperation", 3));
            body.put("website", "");
            answers.add(body);
        }
        assertThat(answers).hasSize(count);
        return answers;
    }

    @SuppressWarnings("unchecked")
    private static List<String> unitIds(LocalRunProcess run) throws Exception {
        HttpResponse<String> reply = HTTP.send(
                HttpRequest.newBuilder(run.baseUrl().resolve("listUnits"))
                        .header("x-api-key", LocalRunProcess.API_KEY)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        List<Map<String, Object>> items = (List<Map<String, Object>>)
                JSON.readValue(reply.body(), Map.class).get("items");
        return items.stream().map(u -> (String) u.get("id")).toList();
    }

    /** Reads the table itself, as an auditor would: items by the kind their key starts with. */
    private static Map<String, Long> countByKind(LocalRunProcess run) {
        Map<String, Long> counts = new HashMap<>();
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(run.dynamoEndpoint())
                .region(Region.EU_WEST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            Map<String, AttributeValue> start = null;
            do {
                ScanRequest.Builder scan = ScanRequest.builder()
                        .tableName(TABLE)
                        .consistentRead(true)
                        .projectionExpression("pk");
                if (start != null) {
                    scan.exclusiveStartKey(start);
                }
                ScanResponse page = dynamo.scan(scan.build());
                for (Map<String, AttributeValue> item : page.items()) {
                    String pk = item.get("pk").s();
                    counts.merge(pk.substring(0, pk.indexOf('#') + 1), 1L, Long::sum);
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey()
                        : null;
            } while (start != null);
        }
        return counts;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
