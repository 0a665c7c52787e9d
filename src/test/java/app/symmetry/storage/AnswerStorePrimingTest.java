package app.symmetry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import app.symmetry.testing.TableItems;

/** SnapStart's priming of the answer's write path, on DynamoDB Local: it must never store anything. */
@QuarkusTest
class AnswerStorePrimingTest {

    @Inject
    AnswerStore answers;

    @Inject
    TableItems items;

    @Test
    void primingBeforeEverySnapshotIsRefusedOnItsConditionsAndWritesNothing() {
        int before = items.count();
        // every published version takes a snapshot: priming runs again and again on the same table
        for (int snapshot = 0; snapshot < 3; snapshot++) {
            assertThat(answers.primeRefusedWrite())
                    .as("refused by DynamoDB on its conditions, not by a malformed request")
                    .isTrue();
        }
        assertThat(items.withKeyPrefix("SUBMISSION#" + AnswerStore.PRIMING_KEY)).isEmpty();
        assertThat(items.withKeyPrefix("DEVICE#" + AnswerStore.PRIMING_KEY)).isEmpty();
        assertThat(items.count()).isEqualTo(before);
    }
}
