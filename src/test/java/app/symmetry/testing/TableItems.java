package app.symmetry.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import app.symmetry.storage.Dynamo;
import app.symmetry.storage.SymmetryTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads the table as an auditor would: everything, to check what was (not) written. */
@ApplicationScoped
public class TableItems {

    private final DynamoDbClient dynamo;
    private final SymmetryTable table;

    public TableItems(Dynamo dynamo, SymmetryTable table) {
        this.dynamo = dynamo.client();
        this.table = table;
    }

    public List<Map<String, AttributeValue>> all() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(table.name()).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    public List<Map<String, AttributeValue>> withKeyPrefix(String prefix) {
        return all().stream().filter(i -> i.get(SymmetryTable.PK).s().startsWith(prefix)).toList();
    }

    public int count() {
        return all().size();
    }
}
