package app.symmetry.storage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import app.symmetry.answer.Side;
import app.symmetry.indicator.DimensionTally;
import app.symmetry.indicator.SideTally;
import app.symmetry.snapshot.UnitDays;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Per unit, day and side, the counts and sums an answer set reduces to ({@code TALLY#unit} /
 * {@code day#C|E}). They add up exactly into weeks, months, regions and the organisation, so a run
 * re-reads only the days whose answers may have changed.
 */
@ApplicationScoped
public class TallyStore {

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;
    private final BatchWriter batches;

    public TallyStore(DynamoDbClient dynamo, SymmetryTable table, BatchWriter batches) {
        this.dynamo = dynamo;
        this.table = table;
        this.batches = batches;
    }

    /** Stores one unit's tallies of several days, both sides, in as few batch writes as they fit. */
    public void putDays(String unitId, Map<LocalDate, SideTally> customer, Map<LocalDate, SideTally> employee) {
        List<WriteRequest> writes = new ArrayList<>(customer.size() + employee.size());
        customer.forEach((day, tally) -> writes.add(write(unitId, day, Side.CUSTOMER, tally)));
        employee.forEach((day, tally) -> writes.add(write(unitId, day, Side.EMPLOYEE, tally)));
        batches.write(writes);
    }

    /** One Query: the unit's tallies from {@code from} to {@code to}. */
    public UnitDays read(String unitId, LocalDate from, LocalDate to) {
        Map<LocalDate, SideTally> customer = new TreeMap<>();
        Map<LocalDate, SideTally> employee = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(table.name()).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition(unitId)),
                            ":from", AttributeValue.fromS(from + "#"), ":to", AttributeValue.fromS(to + "#~")));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(q.build());
            for (Map<String, AttributeValue> item : page.items()) {
                String sk = item.get(SymmetryTable.SK).s();
                LocalDate day = LocalDate.parse(sk.substring(0, sk.indexOf('#')));
                SideTally tally = decode(item.get("tally").s());
                (sk.endsWith("#C") ? customer : employee).put(day, tally);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new UnitDays(customer, employee);
    }

    private WriteRequest write(String unitId, LocalDate day, Side side, SideTally tally) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SymmetryTable.PK, AttributeValue.fromS(partition(unitId)));
        item.put(SymmetryTable.SK, AttributeValue.fromS(day + "#" + side.mark()));
        item.put("tally", AttributeValue.fromS(encode(tally)));
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static String partition(String unitId) {
        return "TALLY#" + unitId;
    }

    /** {@code n|promoters|detractors|dim:count:sum,…}: compact, and readable in the console. */
    static String encode(SideTally t) {
        StringBuilder s = new StringBuilder().append(t.n()).append('|').append(t.promoters()).append('|').append(t.detractors()).append('|');
        String sep = "";
        for (Map.Entry<String, DimensionTally> d : t.dimensions().entrySet()) {
            s.append(sep).append(d.getKey()).append(':').append(d.getValue().count()).append(':').append(d.getValue().sum());
            sep = ",";
        }
        return s.toString();
    }

    static SideTally decode(String text) {
        String[] parts = text.split("\\|", -1);
        Map<String, DimensionTally> dims = new TreeMap<>();
        if (!parts[3].isEmpty()) {
            for (String d : parts[3].split(",")) {
                String[] f = d.split(":");
                dims.put(f[0], new DimensionTally(Long.parseLong(f[1]), Long.parseLong(f[2])));
            }
        }
        return new SideTally(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]), dims);
    }
}
