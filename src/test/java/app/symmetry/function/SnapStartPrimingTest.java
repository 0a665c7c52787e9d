package app.symmetry.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Priming is set up only in a SnapStart init, where Lambda takes a snapshot after it. */
class SnapStartPrimingTest {

    @Test
    void onlyASnapStartInitTakesASnapshot() {
        assertThat(SnapStartPriming.snapshotWillBeTaken(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")))
                .isTrue();
        assertThat(SnapStartPriming.snapshotWillBeTaken(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")))
                .isFalse();
        assertThat(SnapStartPriming.snapshotWillBeTaken(
                        Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency")))
                .isFalse();
        assertThat(SnapStartPriming.snapshotWillBeTaken(Map.of())).isFalse();
    }
}
