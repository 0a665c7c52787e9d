package app.symmetry.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.symmetry.aggregation.Aggregator;
import app.symmetry.answer.AnswerService;
import app.symmetry.answer.Side;
import app.symmetry.answer.SubmissionReceipt;
import app.symmetry.api.DeviceOrigins;
import app.symmetry.function.AnswerFunctions;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.token.Audience;
import app.symmetry.token.TokenClaims;
import app.symmetry.token.TokenCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Aggregation (10 k answers, and 100 k in the full size, over 100 units) and ingestion, in the
 * application as the tests boot it, on the tests' embedded DynamoDB Local. Aggregation runs first,
 * so the answers ingestion writes today do not count as "new" answers for the incremental run.
 */
@QuarkusTest
@TestProfile(Organisations.Units100.class)
public class IngestAggregateBench {

    private static final TypeReference<Map<String, Object>> EVENT = new TypeReference<>() {
    };

    @Inject
    DynamoDbClient dynamo;
    @Inject
    SymmetryTable table;
    @Inject
    Aggregator aggregator;
    @Inject
    AnswerService answers;
    @Inject
    TokenCodec codec;
    @Inject
    ObjectMapper mapper;

    @Test
    void run() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("size", Bench.size());
        try {
            aggregation(figures);
        } catch (RuntimeException failure) {
            figures.put("aggregate.error", String.valueOf(failure));
            failure.printStackTrace(System.out);
        }
        Bench.writePart("1-aggregate-100u", figures);

        Map<String, Object> ingest = new LinkedHashMap<>();
        try {
            ingestion(ingest);
        } catch (Exception failure) {
            ingest.put("ingest.error", String.valueOf(failure));
            failure.printStackTrace(System.out);
        }
        Bench.writePart("0-ingest", ingest);
    }

    private void aggregation(Map<String, Object> figures) {
        List<String> units = Organisations.unitIds(Organisations.Units100.ORG, 100);
        AggregationScenario scenario = new AggregationScenario(aggregator, new AnswerData(dynamo, table),
                Organisations.Units100.ORG, units, figures);
        scenario.run(10_000);
        if (Bench.full()) {
            scenario.run(100_000);
        }
    }

    // ---- ingestion -------------------------------------------------------------------------

    /**
     * Ours: the event as the Lambda binding reads it (JSON through Jackson into the function's
     * input), {@code AnswerFunctions.submitFeedback} (strict reading, token check with revocation,
     * one TransactWriteItems of the idempotency record, the answer and the device count), the
     * receipt written back as JSON. Bare: one PutItem of the same answer item.
     */
    private void ingestion(Map<String, Object> figures) throws Exception {
        AnswerFunctions functions = new AnswerFunctions(answers, new DeviceOrigins());
        List<String> units = Organisations.unitIds(Organisations.Units100.ORG, 100).subList(0, 10);
        List<String> tokens = new ArrayList<>();
        for (String unit : units) {
            tokens.add(codec.encode(new TokenClaims(false, Audience.CUSTOMER, unit, UUID.randomUUID().toString(), Optional.empty())));
        }
        int n = Bench.full() ? 6_000 : 1_500;
        int warmup = Bench.full() ? 1_000 : 400;
        figures.put("ingest.answers_per_side", n);
        Random random = new Random(42);
        for (int concurrency : new int[] { 1, 4 }) {
            Workload work = workload(random, tokens, units, warmup + n);
            // warm both sides, then alternate halves: ours, bare, ours, bare
            IntConsumer ours = i -> {
                try {
                    Map<String, Object> event = mapper.readValue(work.events.get(i), EVENT);
                    SubmissionReceipt receipt = functions.submitFeedback(event);
                    if (!"accepted".equals(mapper.readTree(mapper.writeValueAsString(receipt)).get("status").asText())) {
                        throw new IllegalStateException("not accepted: " + receipt);
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            };
            IntConsumer bare = i -> dynamo.putItem(b -> b.tableName(table.name()).item(work.items.get(i)));
            IntConsumer transact = i -> transact(work.items.get(i), i);
            drive(ours, 0, warmup, concurrency);
            drive(bare, 0, warmup, concurrency);
            drive(transact, 0, warmup, concurrency);
            int half = n / 2;
            Run o1 = drive(ours, warmup, half, concurrency);
            Run b1 = drive(bare, warmup, half, concurrency);
            Run t1 = drive(transact, warmup, half, concurrency);
            Run o2 = drive(ours, warmup + half, n - half, concurrency);
            Run b2 = drive(bare, warmup + half, n - half, concurrency);
            Run t2 = drive(transact, warmup + half, n - half, concurrency);
            Run o = o1.plus(o2);
            Run b = b1.plus(b2);
            Run t = t1.plus(t2);
            String k = "ingest.c" + concurrency + ".";
            figures.put(k + "transact_per_s", Bench.round(t.perSecond(), 0));
            figures.put(k + "transact_p50_ms", Bench.round(Bench.percentileMs(t.latencies, 50), 2));
            figures.put(k + "transact_p99_ms", Bench.round(Bench.percentileMs(t.latencies, 99), 2));
            figures.put(k + "ours_over_transact", Bench.round(o.perSecond() / t.perSecond(), 3));
            Bench.log("ingest c=%d: bare TransactWriteItems of the same 3 items %.0f/s (p50 %.2f ms, p99 %.2f ms)", concurrency,
                    t.perSecond(), Bench.percentileMs(t.latencies, 50), Bench.percentileMs(t.latencies, 99));
            figures.put(k + "ours_per_s", Bench.round(o.perSecond(), 0));
            figures.put(k + "ours_p50_ms", Bench.round(Bench.percentileMs(o.latencies, 50), 2));
            figures.put(k + "ours_p99_ms", Bench.round(Bench.percentileMs(o.latencies, 99), 2));
            figures.put(k + "bare_per_s", Bench.round(b.perSecond(), 0));
            figures.put(k + "bare_p50_ms", Bench.round(Bench.percentileMs(b.latencies, 50), 2));
            figures.put(k + "bare_p99_ms", Bench.round(Bench.percentileMs(b.latencies, 99), 2));
            figures.put(k + "ratio", Bench.round(o.perSecond() / b.perSecond(), 3));
            Bench.log("ingest c=%d: ours %.0f/s (p50 %.2f ms, p99 %.2f ms), bare %.0f/s (p50 %.2f ms, p99 %.2f ms), ratio %.2f",
                    concurrency, o.perSecond(), Bench.percentileMs(o.latencies, 50), Bench.percentileMs(o.latencies, 99),
                    b.perSecond(), Bench.percentileMs(b.latencies, 50), Bench.percentileMs(b.latencies, 99),
                    o.perSecond() / b.perSecond());
        }
    }

    /**
     * The storage floor of our write: the TransactWriteItems {@code AnswerStore} sends (idempotency
     * record, answer, device count, each conditional), sent bare with fresh keys.
     */
    private void transact(Map<String, AttributeValue> answer, int i) {
        String id = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new java.util.HashMap<>(answer);
        item.put(SymmetryTable.SK, AttributeValue.fromS(id));
        String t = table.name();
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(t)
                        .item(Map.of(SymmetryTable.PK, AttributeValue.fromS("SUBMISSION#" + id), SymmetryTable.SK, AttributeValue.fromS("-"),
                                SymmetryTable.TTL, AttributeValue.fromN("2000000000")))
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(t).item(item)
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(t)
                        .key(Map.of(SymmetryTable.PK, AttributeValue.fromS("DEVICE#bare-" + id), SymmetryTable.SK, AttributeValue.fromS("-")))
                        .updateExpression("ADD answers :one SET expiresAt = :exp")
                        .conditionExpression("attribute_not_exists(answers) OR answers < :cap")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":cap", AttributeValue.fromN("20"),
                                ":exp", AttributeValue.fromN("2000000000")))
                        .build()).build()));
    }

    private record Workload(List<String> events, List<Map<String, AttributeValue>> items) {
    }

    /** The same answers for both sides: the event ours receives, and the item bare puts. */
    private Workload workload(Random random, List<String> tokens, List<String> units, int count) throws Exception {
        List<String> events = new ArrayList<>(count);
        List<Map<String, AttributeValue>> items = new ArrayList<>(count);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        for (int i = 0; i < count; i++) {
            int u = random.nextInt(units.size());
            Map<String, Object> ratings = new LinkedHashMap<>();
            for (String d : AnswerData.DIMENSIONS) {
                ratings.put(d, 1 + random.nextInt(5));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("submissionId", UUID.randomUUID().toString());
            body.put("token", tokens.get(u));
            body.put("language", "fr");
            body.put("recommend", random.nextInt(11));
            body.put("ratings", ratings);
            body.put("comment", "Très bon accueil.");
            body.put("website", "");
            String ip = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            events.add(mapper.writeValueAsString(Map.of("body", body,
                    "origin", Map.of("sourceIp", ip, "userAgent", "Mozilla/5.0 (bench phone)"))));
            // the item bare puts: what AnswerStore writes for this answer (its own key, so both sides insert)
            Map<String, AttributeValue> item = new java.util.HashMap<>(AnswerData.answerItem(random, Side.CUSTOMER,
                    units.get(u), today, UUID.randomUUID().toString()));
            item.put("recommend", AttributeValue.fromN(body.get("recommend").toString()));
            Map<String, AttributeValue> r = new java.util.HashMap<>();
            ratings.forEach((d, v) -> r.put(d, AttributeValue.fromN(v.toString())));
            item.put("ratings", AttributeValue.fromM(r));
            item.put("comment", AttributeValue.fromS("Très bon accueil."));
            item.put("receivedAt", AttributeValue.fromS(Instant.now().toString()));
            items.add(item);
        }
        return new Workload(events, items);
    }

    private record Run(long[] latencies, double seconds) {
        double perSecond() {
            return latencies.length / seconds;
        }

        Run plus(Run other) {
            long[] all = java.util.Arrays.copyOf(latencies, latencies.length + other.latencies.length);
            System.arraycopy(other.latencies, 0, all, latencies.length, other.latencies.length);
            return new Run(all, seconds + other.seconds);
        }
    }

    /** Calls {@code op} for indexes [from, from + count) on {@code threads} threads; latencies per call. */
    private static Run drive(IntConsumer op, int from, int count, int threads) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long s = System.nanoTime();
                        op.accept(from + i);
                        latencies[i] = System.nanoTime() - s;
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Run(latencies, (System.nanoTime() - start) / 1e9);
    }
}
