package app.symmetry.function;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusIntegrationTest;

import app.symmetry.testing.PackagedFunction;

/** {@link StorageUnavailableTest} against the packaged function: its DynamoDB client, unreachable. */
@QuarkusIntegrationTest
@ExtendWith(PackagedFunction.class)
class StorageUnavailableIT extends StorageUnavailableTest {}
