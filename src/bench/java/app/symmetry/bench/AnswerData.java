package app.symmetry.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import app.symmetry.domain.Side;
import app.symmetry.storage.Batches;
import app.symmetry.storage.SymmetryTable;

/**
 * Answers written straight into the answer partitions, with the item shape {@code AnswerStore}
 * writes, and the bare reading of those partitions: the floor the aggregation is measured against.
 */
public final class AnswerData {

    static final String[] DIMENSIONS = {"listening", "ownership", "information", "recognition", "cooperation"};

    private final DynamoDbClient dynamo;
    private final String table;

    public AnswerData(DynamoDbClient dynamo, SymmetryTable table) {
        this.dynamo = dynamo;
        this.table = table.name();
    }

    /** One stored answer as {@code AnswerItem} makes it; 80 % customers, 20 % employees. */
    public static Map<String, AttributeValue> answerItem(Random random, String unitId, LocalDate day) {
        return answerItem(
                random, randomSide(random), unitId, day, UUID.randomUUID().toString());
    }

    /** 80 % customers, 20 % employees. */
    private static Side randomSide(Random random) {
        return random.nextInt(5) == 0 ? Side.EMPLOYEE : Side.CUSTOMER;
    }

    public static Map<String, AttributeValue> answerItem(
            Random random, Side side, String unitId, LocalDate day, String key) {
        Instant dayStart = day.atStartOfDay(AggregationScenario.UNITS_ZONE).toInstant();
        return answerItem(random, side, unitId, day, key, dayStart.plusSeconds(random.nextInt(86_400)));
    }

    /** @param receivedAt a customer answer's time, in its sort key as AnswerStore writes it */
    public static Map<String, AttributeValue> answerItem(
            Random random, Side side, String unitId, LocalDate day, String key, Instant receivedAt) {
        Instant dayStart = day.atStartOfDay(AggregationScenario.UNITS_ZONE).toInstant();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SymmetryTable.PK, AttributeValue.fromS(SymmetryTable.answerPartition(side, unitId, day)));
        item.put(
                SymmetryTable.SK,
                AttributeValue.fromS(
                        side == Side.CUSTOMER ? SymmetryTable.customerAnswerSortKey(receivedAt, key) : key));
        item.put("unitId", AttributeValue.fromS(unitId));
        item.put("day", AttributeValue.fromS(day.toString()));
        item.put("recommend", AttributeValue.fromN(Integer.toString(random.nextInt(11))));
        Map<String, AttributeValue> ratings = new HashMap<>();
        for (String d : DIMENSIONS) {
            if (random.nextInt(10) < 8) {
                ratings.put(d, AttributeValue.fromN(Integer.toString(1 + random.nextInt(5))));
            }
        }
        if (!ratings.isEmpty()) {
            item.put("ratings", AttributeValue.fromM(ratings));
        }
        // one customer in ten writes a comment; employees' answers carry none (the pulse refuses them)
        boolean commented = random.nextInt(10) == 0;
        if (commented && side == Side.CUSTOMER) {
            item.put("comment", AttributeValue.fromS("Très bon accueil, merci à toute l'équipe."));
        }
        if (side == Side.CUSTOMER) {
            item.put("language", AttributeValue.fromS("fr"));
            item.put("receivedAt", AttributeValue.fromS(receivedAt.toString()));
            item.put(
                    SymmetryTable.TTL,
                    AttributeValue.fromN(
                            Long.toString(dayStart.plus(Duration.ofDays(395)).getEpochSecond())));
        } else {
            item.put(
                    SymmetryTable.TTL,
                    AttributeValue.fromN(
                            Long.toString(dayStart.plus(Duration.ofDays(395)).getEpochSecond())));
        }
        return item;
    }

    /** Writes {@code count} answers spread at random over {@code units} × [{@code from}, {@code to}], with BatchWriteItem. */
    public long seed(List<String> units, LocalDate from, LocalDate to, long count, long seed, int threads) {
        return seed(units, from, to, count, seed, threads, null, null);
    }

    /**
     * The same, the customers received at random from {@code receivedFrom} to before
     * {@code receivedTo} (both null: at random in their day).
     */
    public long seed(
            List<String> units,
            LocalDate from,
            LocalDate to,
            long count,
            long seed,
            int threads,
            Instant receivedFrom,
            Instant receivedTo) {
        int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong written = new AtomicLong();
        try {
            List<Future<?>> futures = new ArrayList<>();
            long perThread = count / threads;
            for (int t = 0; t < threads; t++) {
                long mine = t == threads - 1 ? count - perThread * (threads - 1) : perThread;
                Random random = new Random(seed * 31 + t);
                futures.add(pool.submit(() -> {
                    List<WriteRequest> batch = new ArrayList<>(Batches.WRITE);
                    for (long i = 0; i < mine; i++) {
                        String unit = units.get(random.nextInt(units.size()));
                        LocalDate day = from.plusDays(random.nextInt(days));
                        Map<String, AttributeValue> item = receivedFrom == null
                                ? answerItem(random, unit, day)
                                : answerItem(
                                        random,
                                        randomSide(random),
                                        unit,
                                        day,
                                        UUID.randomUUID().toString(),
                                        receivedFrom.plusMillis((long) (random.nextDouble()
                                                * Duration.between(receivedFrom, receivedTo)
                                                        .toMillis())));
                        batch.add(WriteRequest.builder()
                                .putRequest(PutRequest.builder().item(item).build())
                                .build());
                        if (batch.size() == Batches.WRITE) {
                            writeBatch(batch);
                            written.addAndGet(batch.size());
                            batch = new ArrayList<>(Batches.WRITE);
                        }
                    }
                    if (!batch.isEmpty()) {
                        writeBatch(batch);
                        written.addAndGet(batch.size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("seeding failed", e);
        } finally {
            pool.shutdownNow();
        }
        return written.get();
    }

    private void writeBatch(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 0; attempt < 50 && !pending.isEmpty(); attempt++) {
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            pending = pending.isEmpty() || pending.values().stream().allMatch(List::isEmpty) ? Map.of() : pending;
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException("BatchWriteItem left items unprocessed");
        }
    }

    /**
     * The floor of aggregation: one Query per unit, side and day, paged, with the projection and
     * consistency {@code AnswerStore.forEachAnswer} uses, units spread over {@code threads} threads as
     * the aggregator spreads them ({@code symmetry.aggregation.parallelism}). Returns the items read.
     */
    public long queryAll(List<String> units, LocalDate from, LocalDate to, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        AtomicLong items = new AtomicLong();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String unit : units) {
                done.add(pool.submit(() -> items.addAndGet(queryUnit(unit, from, to))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        return items.get();
    }

    private long queryUnit(String unit, LocalDate from, LocalDate to) {
        long items = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (Side side : Side.values()) {
                for (QueryResponse page : dynamo.queryPaginator(QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(
                                Map.of(":pk", AttributeValue.fromS(SymmetryTable.answerPartition(side, unit, day))))
                        .projectionExpression("recommend, ratings")
                        .consistentRead(true)
                        .build())) {
                    items += page.count();
                }
            }
        }
        return items;
    }
}
