package app.symmetry.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Declares DynamoDB Local for every {@code @QuarkusTest}. */
@QuarkusTestResource(DynamoDbLocalResource.class)
public final class TestDatabase {
    private TestDatabase() {}
}
