package app.symmetry.local;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;

import app.symmetry.storage.Dynamo;
import app.symmetry.storage.SymmetryTable;

/**
 * Creates the table on DynamoDB Local from the same definition the deployment declares. Only for the
 * local run and tests: on AWS the stack owns the table.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalTable {

    @ConfigProperty(name = "symmetry.local.create-table", defaultValue = "true")
    boolean enabled;

    void create(@Observes @Priority(10) StartupEvent start, SymmetryTable table, Dynamo dynamo) {
        if (enabled) {
            table.createIfMissing(dynamo.client());
        }
    }
}
