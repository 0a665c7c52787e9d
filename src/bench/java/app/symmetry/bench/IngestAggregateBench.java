package app.symmetry.bench;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import app.symmetry.aggregation.Aggregator;
import app.symmetry.answer.AnswerService;
import app.symmetry.answer.SubmissionReceipt;
import app.symmetry.domain.Side;
import app.symmetry.function.AnswerFunctions;
import app.symmetry.function.request.DeviceOrigins;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.storage.Dynamo;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.testing.TestClock;
import app.symmetry.token.Audience;
import app.symmetry.token.TokenClaims;
import app.symmetry.token.TokenCodec;

/**
 * Aggregation (10 k answers, and 100 k in the full size, over 100 units) and ingestion, in the
 * application as the tests boot it, on the tests' embedded DynamoDB Local. Aggregation runs first,
 * so the answers ingestion writes today do not count as "new" answers for the incremental run.
 */
@QuarkusTest
@TestProfile(Organisations.Units100.class)
public class IngestAggregateBench {

    private static final TypeReference<Map<String, Object>> EVENT = new TypeReference<>() {};

    @Inject
    Dynamo dynamo;

    @Inject
    SymmetryTable table;

    @Inject
    Aggregator aggregator;

    @Inject
    TestClock clock;

    @Inject
    AnswerService answers;

    @Inject
    OrganisationDirectory directory;

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
        AggregationScenario scenario = new AggregationScenario(
                aggregator, clock, new AnswerData(dynamo.client(), table), Organisations.Units100.ORG, units, figures);
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
     * receipt written back as JSON. Bare (the issue's floor): a PutItem loop of the same items, the
     * three items ours stores for an answer, one PutItem each. Also measured, as context: the same
     * three items in one bare TransactWriteItems (what atomicity costs on its own), and one PutItem
     * of the answer item alone (a design that stored nothing but the answer: no idempotency record,
     * no device cap).
     */
    private void ingestion(Map<String, Object> figures) throws Exception {
        AnswerFunctions functions = new AnswerFunctions(answers, directory, new DeviceOrigins());
        List<String> units =
                Organisations.unitIds(Organisations.Units100.ORG, 100).subList(0, 10);
        List<String> tokens = new ArrayList<>();
        for (String unit : units) {
            tokens.add(codec.encode(new TokenClaims(
                    false, Audience.CUSTOMER, unit, UUID.randomUUID().toString(), Optional.empty())));
        }
        // the quick size stays under three minutes from a fresh clone on a slow 2-core machine
        int n = Bench.full() ? 6_000 : 600;
        int warmup = Bench.full() ? 1_000 : 200;
        figures.put("ingest.answers_per_side", n);
        Random random = new Random(42);
        for (int concurrency : new int[] {1, 4}) {
            Workload work = workload(random, tokens, units, warmup + n);
            IntConsumer ours = i -> {
                try {
                    Map<String, Object> event = mapper.readValue(work.events.get(i), EVENT);
                    SubmissionReceipt receipt = functions.submitFeedback(event);
                    if (!"accepted"
                            .equals(mapper.readTree(mapper.writeValueAsString(receipt))
                                    .get("status")
                                    .asText())) {
                        throw new IllegalStateException("not accepted: " + receipt);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            };
            IntConsumer bare = i -> sameItems(work.items.get(i))
                    .forEach(item -> dynamo.client()
                            .putItem(b -> b.tableName(table.name()).item(item)));
            IntConsumer transact = i -> transact(sameItems(work.items.get(i)));
            IntConsumer answerOnly = i -> dynamo.client()
                    .putItem(b -> b.tableName(table.name())
                            .item(sameItems(work.items.get(i)).get(1)));
            // warm every side, then alternate halves: ours, bare, transact, answer only, and again
            Map<String, IntConsumer> sides = new LinkedHashMap<>();
            sides.put("ours", ours);
            sides.put("bare", bare);
            sides.put("transact", transact);
            sides.put("answer_put", answerOnly);
            Map<String, Run> runs = new LinkedHashMap<>();
            for (IntConsumer side : sides.values()) {
                drive(side, 0, warmup, concurrency);
            }
            int half = n / 2;
            for (int[] range : new int[][] {{warmup, half}, {warmup + half, n - half}}) {
                sides.forEach((name, side) -> {
                    try {
                        Run r = drive(side, range[0], range[1], concurrency);
                        runs.merge(name, r, Run::plus);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            String k = "ingest.c" + concurrency + ".";
            Run o = runs.get("ours");
            runs.forEach((name, r) -> {
                figures.put(k + name + "_per_s", Bench.round(r.perSecond(), 0));
                figures.put(k + name + "_p50_ms", Bench.round(Bench.percentileMs(r.latencies, 50), 2));
                figures.put(k + name + "_p99_ms", Bench.round(Bench.percentileMs(r.latencies, 99), 2));
                if (!name.equals("ours")) {
                    figures.put(k + "ours_over_" + name, Bench.round(o.perSecond() / r.perSecond(), 3));
                }
                Bench.log(
                        "ingest c=%d: %-10s %5.0f answers/s (p50 %.2f ms, p99 %.2f ms)",
                        concurrency,
                        name,
                        r.perSecond(),
                        Bench.percentileMs(r.latencies, 50),
                        Bench.percentileMs(r.latencies, 99));
            });
            figures.put(k + "ratio", figures.get(k + "ours_over_bare"));
        }

        // what one answer asks of DynamoDB (the cost table): fresh answers through the function, alone
        int metered = 200;
        Workload work = workload(random, tokens, units, metered);
        CapacityMeter.Reading before = CapacityMeter.read();
        for (int i = 0; i < metered; i++) {
            Map<String, Object> event = mapper.readValue(work.events.get(i), EVENT);
            functions.submitFeedback(event);
        }
        CapacityMeter.Reading perAnswer = CapacityMeter.read().minus(before);
        perAnswer.put(figures, "cost.answer.", metered);
        figures.put("cost.answer.metered_answers", metered);
        Bench.log(
                "one answer asks DynamoDB for %.2f requests, %.2f RCU, %.2f WCU, %.0f bytes put (%s per answer over %d)",
                perAnswer.totalRequests() / (double) metered,
                perAnswer.readUnits() / metered,
                perAnswer.writeUnits() / metered,
                perAnswer.bytesPut() / (double) metered,
                perAnswer.requests(),
                metered);
    }

    /**
     * The items ours stores for one answer, with fresh keys so every side inserts: the idempotency
     * record, the answer, the device count (as AnswerStore writes them).
     */
    private List<Map<String, AttributeValue>> sameItems(Map<String, AttributeValue> answer) {
        String id = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new HashMap<>(answer);
        item.put(SymmetryTable.SK, AttributeValue.fromS(id));
        return List.of(
                Map.of(
                        SymmetryTable.PK,
                        AttributeValue.fromS("SUBMISSION#" + id),
                        SymmetryTable.SK,
                        AttributeValue.fromS("-"),
                        SymmetryTable.TTL,
                        AttributeValue.fromN("2000000000")),
                item,
                Map.of(
                        SymmetryTable.PK,
                        AttributeValue.fromS("DEVICE#bare-" + id),
                        SymmetryTable.SK,
                        AttributeValue.fromS("-"),
                        "answers",
                        AttributeValue.fromN("1"),
                        "expiresAt",
                        AttributeValue.fromN("2000000000")));
    }

    /** The same three items in the one conditional TransactWriteItems {@code AnswerStore} sends. */
    private void transact(List<Map<String, AttributeValue>> items) {
        String t = table.name();
        Map<String, AttributeValue> device = items.get(2);
        dynamo.client()
                .transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(t)
                                        .item(items.get(0))
                                        .conditionExpression("attribute_not_exists(pk)")
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(t)
                                        .item(items.get(1))
                                        .conditionExpression("attribute_not_exists(pk)")
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .update(Update.builder()
                                        .tableName(t)
                                        .key(Map.of(
                                                SymmetryTable.PK,
                                                device.get(SymmetryTable.PK),
                                                SymmetryTable.SK,
                                                device.get(SymmetryTable.SK)))
                                        .updateExpression("ADD answers :one SET expiresAt = :exp")
                                        .conditionExpression("attribute_not_exists(answers) OR answers < :cap")
                                        .expressionAttributeValues(Map.of(
                                                ":one",
                                                AttributeValue.fromN("1"),
                                                ":cap",
                                                AttributeValue.fromN("20"),
                                                ":exp",
                                                AttributeValue.fromN("2000000000")))
                                        .build())
                                .build()));
    }

    private record Workload(List<String> events, List<Map<String, AttributeValue>> items) {}

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
            events.add(mapper.writeValueAsString(
                    Map.of("body", body, "origin", Map.of("sourceIp", ip, "userAgent", "Mozilla/5.0 (bench phone)"))));
            // the item bare puts: what AnswerStore writes for this answer (its own key, so both sides insert)
            Instant now = Instant.now();
            Map<String, AttributeValue> item = new HashMap<>(AnswerData.answerItem(
                    random,
                    Side.CUSTOMER,
                    units.get(u),
                    today,
                    UUID.randomUUID().toString(),
                    now));
            item.put("recommend", AttributeValue.fromN(body.get("recommend").toString()));
            Map<String, AttributeValue> r = new HashMap<>();
            ratings.forEach((d, v) -> r.put(d, AttributeValue.fromN(v.toString())));
            item.put("ratings", AttributeValue.fromM(r));
            item.put("comment", AttributeValue.fromS("Très bon accueil."));
            item.put("language", AttributeValue.fromS("fr"));
            item.put("receivedAt", AttributeValue.fromS(now.toString()));
            items.add(item);
        }
        return new Workload(events, items);
    }

    private record Run(long[] latencies, double seconds) {
        double perSecond() {
            return latencies.length / seconds;
        }

        Run plus(Run other) {
            long[] all = Arrays.copyOf(latencies, latencies.length + other.latencies.length);
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
