package app.symmetry.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What the application asks of DynamoDB, for the cost figures: requests per operation, the read and
 * write units they cost by DynamoDB's published rules (counted from the items sent and returned), what
 * DynamoDB Local reports when asked ({@code ReturnConsumedCapacity=TOTAL}, added to every request that
 * takes it; one undivided and understated total, kept for comparison only), and the bytes of the items
 * put (DynamoDB's item size: names and values in UTF-8, numbers about half their digits). Installed on the application's own client
 * through {@code quarkus.dynamodb.interceptors} in the bench profiles (Organisations), so it counts
 * exactly the requests the functions and the aggregator send; the benchmark takes differences
 * around what it measures.
 */
public final class CapacityMeter implements ExecutionInterceptor {

    private static final Map<String, LongAdder> REQUESTS = new ConcurrentHashMap<>();
    private static final DoubleAdder READ_UNITS = new DoubleAdder();
    private static final DoubleAdder WRITE_UNITS = new DoubleAdder();
    private static final LongAdder BYTES_PUT = new LongAdder();
    private static final LongAdder ITEMS_PUT = new LongAdder();
    private static final DoubleAdder REPORTED_UNITS = new DoubleAdder();

    /** A reading of every counter; {@link #minus} gives what happened between two readings. */
    public record Reading(
            Map<String, Long> requests,
            double readUnits,
            double writeUnits,
            long bytesPut,
            long itemsPut,
            double reportedUnits) {
        public Reading minus(Reading before) {
            Map<String, Long> diff = new TreeMap<>();
            requests.forEach((op, n) -> {
                long d = n - before.requests.getOrDefault(op, 0L);
                if (d != 0) {
                    diff.put(op, d);
                }
            });
            return new Reading(
                    diff,
                    readUnits - before.readUnits,
                    writeUnits - before.writeUnits,
                    bytesPut - before.bytesPut,
                    itemsPut - before.itemsPut,
                    reportedUnits - before.reportedUnits);
        }

        public Reading plus(Reading other) {
            Map<String, Long> sum = new TreeMap<>(requests);
            other.requests.forEach((op, n) -> sum.merge(op, n, Long::sum));
            return new Reading(
                    sum,
                    readUnits + other.readUnits,
                    writeUnits + other.writeUnits,
                    bytesPut + other.bytesPut,
                    itemsPut + other.itemsPut,
                    reportedUnits + other.reportedUnits);
        }

        static final Reading NONE = new Reading(Map.of(), 0, 0, 0, 0, 0);

        public long totalRequests() {
            return requests.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Flat figures under {@code prefix}, each divided by {@code per} (answers, runs). */
        public void put(Map<String, Object> figures, String prefix, double per) {
            figures.put(prefix + "requests", Bench.round(totalRequests() / per, 2));
            figures.put(prefix + "rcu", Bench.round(readUnits / per, 2));
            figures.put(prefix + "wcu", Bench.round(writeUnits / per, 2));
            figures.put(prefix + "bytes_put", Bench.round(bytesPut / per, 0));
            figures.put(prefix + "items_put", Bench.round(itemsPut / per, 2));
            figures.put(prefix + "units_reported_by_dynamodb_local", Bench.round(reportedUnits / per, 2));
            Map<String, Object> byOp = new TreeMap<>();
            requests.forEach((op, n) -> byOp.put(op, Bench.round(n / per, 2)));
            figures.put(prefix + "requests_by_operation", byOp);
        }
    }

    public static Reading read() {
        Map<String, Long> requests = new TreeMap<>();
        REQUESTS.forEach((op, n) -> requests.put(op, n.sum()));
        return new Reading(
                requests, READ_UNITS.sum(), WRITE_UNITS.sum(), BYTES_PUT.sum(), ITEMS_PUT.sum(), REPORTED_UNITS.sum());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof PutItemRequest r) {
            sized(r.item());
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof UpdateItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof DeleteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof GetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof QueryRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchGetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchWriteItemRequest r) {
            r.requestItems().values().stream()
                    .flatMap(List::stream)
                    .map(WriteRequest::putRequest)
                    .filter(p -> p != null)
                    .forEach(p -> sized(p.item()));
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactWriteItemsRequest r) {
            r.transactItems().stream()
                    .map(TransactWriteItem::put)
                    .filter(p -> p != null)
                    .forEach(p -> sized(p.item()));
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof TransactGetItemsRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        SdkResponse response = context.response();
        String op = request.getClass().getSimpleName().replace("Request", "");
        REQUESTS.computeIfAbsent(op, k -> new LongAdder()).increment();
        // DynamoDB Local reports one undivided total per request (2 for a three-item transaction, where
        // DynamoDB bills 6), so the units are counted here by DynamoDB's published rules instead: a
        // write is 1 unit per KB of the item (2 in a transaction), a read 1 unit per 4 KB (half for an
        // eventually consistent read, 2 in a transaction), rounded up per item (per request for a Query)
        if (request instanceof PutItemRequest r) {
            WRITE_UNITS.add(kb(r.item()));
        } else if (request instanceof UpdateItemRequest && response instanceof UpdateItemResponse r) {
            // sized by the item it returns when it returns one (the tallies do: ReturnValues=ALL_NEW)
            WRITE_UNITS.add(r.hasAttributes() ? kb(r.attributes()) : 1);
        } else if (request instanceof DeleteItemRequest) {
            WRITE_UNITS.add(1);
        } else if (request instanceof BatchWriteItemRequest r) {
            r.requestItems().values().stream()
                    .flatMap(List::stream)
                    .forEach(w -> WRITE_UNITS.add(
                            w.putRequest() != null ? kb(w.putRequest().item()) : 1));
        } else if (request instanceof TransactWriteItemsRequest r) {
            for (TransactWriteItem item : r.transactItems()) {
                WRITE_UNITS.add(2 * (item.put() != null ? kb(item.put().item()) : 1));
            }
        } else if (request instanceof GetItemRequest r && response instanceof GetItemResponse g) {
            READ_UNITS.add(fourKb(g.hasItem() ? size(g.item()) : 0) * consistency(r.consistentRead()));
        } else if (request instanceof QueryRequest r && response instanceof QueryResponse q) {
            // from the items returned: with a projection, a lower bound (DynamoDB bills the whole items)
            long bytes = q.items().stream().mapToLong(CapacityMeter::size).sum();
            READ_UNITS.add(fourKb(bytes) * consistency(r.consistentRead()));
        } else if (request instanceof BatchGetItemRequest r && response instanceof BatchGetItemResponse b) {
            r.requestItems().forEach((table, keys) -> {
                double factor = consistency(keys.consistentRead());
                List<Map<String, AttributeValue>> found = b.responses().getOrDefault(table, List.of());
                found.forEach(item -> READ_UNITS.add(fourKb(size(item)) * factor));
                READ_UNITS.add(Math.max(0, keys.keys().size() - found.size()) * factor);
            });
        } else if (request instanceof TransactGetItemsRequest r && response instanceof TransactGetItemsResponse t) {
            t.responses().forEach(item -> READ_UNITS.add(2 * fourKb(item.hasItem() ? size(item.item()) : 0)));
        }
        reported(response);
    }

    private static double consistency(Boolean consistentRead) {
        return Boolean.TRUE.equals(consistentRead) ? 1 : 0.5;
    }

    private static long kb(Map<String, AttributeValue> item) {
        return Math.max(1, (size(item) + 1023) / 1024);
    }

    private static long fourKb(long bytes) {
        return Math.max(1, (bytes + 4095) / 4096);
    }

    static long size(Map<String, AttributeValue> item) {
        long size = 0;
        for (var e : item.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue());
        }
        return size;
    }

    /** What DynamoDB Local itself reports, kept beside the counted units for comparison. */
    private static void reported(SdkResponse response) {
        if (response instanceof PutItemResponse r) {
            add(r.consumedCapacity());
        } else if (response instanceof UpdateItemResponse r) {
            add(r.consumedCapacity());
        } else if (response instanceof DeleteItemResponse r) {
            add(r.consumedCapacity());
        } else if (response instanceof GetItemResponse r) {
            add(r.consumedCapacity());
        } else if (response instanceof QueryResponse r) {
            add(r.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse r && r.hasConsumedCapacity()) {
            r.consumedCapacity().forEach(CapacityMeter::add);
        } else if (response instanceof BatchWriteItemResponse r && r.hasConsumedCapacity()) {
            r.consumedCapacity().forEach(CapacityMeter::add);
        } else if (response instanceof TransactWriteItemsResponse r && r.hasConsumedCapacity()) {
            r.consumedCapacity().forEach(CapacityMeter::add);
        } else if (response instanceof TransactGetItemsResponse r && r.hasConsumedCapacity()) {
            r.consumedCapacity().forEach(CapacityMeter::add);
        }
    }

    private static void add(ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            REPORTED_UNITS.add(capacity.capacityUnits());
        }
    }

    private static void sized(Map<String, AttributeValue> item) {
        BYTES_PUT.add(size(item));
        ITEMS_PUT.increment();
    }

    /** DynamoDB's item size rules, close enough for a cost estimate. */
    static long size(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(StandardCharsets.UTF_8).length;
        } else if (value.n() != null) {
            return value.n().replaceAll("[^0-9]", "").length() / 2 + 1;
        } else if (value.b() != null) {
            return value.b().asByteArray().length;
        } else if (value.bool() != null || Boolean.TRUE.equals(value.nul())) {
            return 1;
        } else if (value.hasM()) {
            long size = 3;
            for (var e : value.m().entrySet()) {
                size += e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue()) + 1;
            }
            return size;
        } else if (value.hasL()) {
            long size = 3;
            for (AttributeValue v : value.l()) {
                size += size(v) + 1;
            }
            return size;
        } else if (value.hasSs()) {
            return value.ss().stream()
                    .mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length)
                    .sum();
        }
        return 1;
    }
}
