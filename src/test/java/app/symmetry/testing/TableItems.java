package app.symmetry.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.storage.Dynamo;
import app.symmetry.storage.SymmetryTable;

/** Reads the table as an auditor would: everything, to check what was (not) written. */
@ApplicationScoped
public class TableItems {

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;

    @Inject
    public TableItems(Dynamo dynamo, SymmetryTable table) {
        this(dynamo.client(), table);
    }

    private TableItems(DynamoDbClient dynamo, SymmetryTable table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * The table on the test run's DynamoDB Local through a client of its own, not the application's:
     * what a test of the packaged function (another process) reads.
     */
    public static TableItems direct() {
        return new TableItems(DynamoDbLocalResource.client(), new SymmetryTable(DynamoDbLocalResource.TABLE));
    }

    public List<Map<String, AttributeValue>> all() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(table.name()).consistentRead(true))
                .items()
                .forEach(items::add);
        return items;
    }

    public List<Map<String, AttributeValue>> withKeyPrefix(String prefix) {
        return all().stream()
                .filter(i -> i.get(SymmetryTable.PK).s().startsWith(prefix))
                .toList();
    }

    public int count() {
        return all().size();
    }
}
