package app.symmetry.local;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;

import app.symmetry.storage.SymmetryTable;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Creates the table on DynamoDB Local from the same definition the deployment declares. Only for the
 * local run and tests: on AWS the stack owns the table.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = { "dev", "test" })
public class LocalTable {

    void create(@Observes @jakarta.annotation.Priority(10) StartupEvent start, SymmetryTable table, DynamoDbClient dynamo) {
        table.createIfMissing(dynamo);
    }
}
