package app.symmetry.function;

import org.junit.jupiter.api.extension.ExtendWith;

import app.symmetry.testing.PackagedFunction;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link StorageUnavailableTest} against the packaged function: its DynamoDB client, unreachable. */
@QuarkusIntegrationTest
@ExtendWith(PackagedFunction.class)
class StorageUnavailableIT extends StorageUnavailableTest {
}
