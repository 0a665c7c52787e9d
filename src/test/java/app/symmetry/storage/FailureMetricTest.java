package app.symmetry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;

/**
 * Alarms fire on real failures, not on refusals: every refusal leaves a function as an exception (a
 * Lambda error), so the alarms watch the functions' own count instead, written in CloudWatch embedded
 * metric format to standard output. Checked here against EMF's rules (the {@code _aws} member, the
 * metric's value and dimension as members of the same object); template.yaml's alarms are checked
 * against the same names in {@code TemplateTest}.
 */
class FailureMetricTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStorageOutageIsCountedOnceInEmbeddedMetricFormat() throws Exception {
        List<String> lines = stdout(() -> assertThatThrownBy(() -> StorageOperation.ANSWER_WRITE.call(() -> {
                    throw ProvisionedThroughputExceededException.builder()
                            .message("throttled")
                            .build();
                }))
                .isInstanceOf(SymmetryException.class));
        assertThat(lines).hasSize(1);
        JsonNode record = JSON.readTree(lines.get(0));
        JsonNode aws = record.path("_aws");
        assertThat(aws.path("Timestamp").isIntegralNumber()).isTrue();
        JsonNode directive = aws.path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo(FailureMetric.NAMESPACE);
        assertThat(directive.path("Dimensions").get(0).get(0).asText()).isEqualTo(FailureMetric.DIMENSION);
        assertThat(directive.path("Metrics").get(0).path("Name").asText()).isEqualTo(FailureMetric.METRIC);
        assertThat(directive.path("Metrics").get(0).path("Unit").asText()).isEqualTo("Count");
        // EMF reads the value and the dimension from members of the same object, named as declared
        assertThat(record.path(FailureMetric.METRIC).asInt()).isEqualTo(1);
        assertThat(record.path(FailureMetric.DIMENSION).asText()).isNotBlank();
        assertThat(record.path("operation").asText()).isEqualTo("ANSWER_WRITE");
    }

    @Test
    void aRefusedRequestIsNotAFailureAndCountsNothing() throws Exception {
        List<String> lines = stdout(() -> assertThatThrownBy(() -> StorageOperation.READ.call(() -> {
                    throw new SymmetryException(ErrorCode.FORBIDDEN, null, "a viewer key cannot mint links");
                }))
                .isInstanceOf(SymmetryException.class));
        assertThat(lines).isEmpty();
        lines = stdout(() -> StorageOperation.READ.call(() -> "fine"));
        assertThat(lines).isEmpty();
        lines = stdout(() -> assertThatThrownBy(() -> StorageOperation.READ.run(() -> {
                    throw SdkClientException.create("connection refused");
                }))
                .isInstanceOf(SymmetryException.class));
        assertThat(lines).hasSize(1);
    }

    @Test
    void aFunctionNameThatIsNotANameCannotBreakTheRecord() throws Exception {
        JsonNode record =
                JSON.readTree(FailureMetric.record("x\"},\"Failures\":99,\"y", "storage", "READ", Instant.EPOCH));
        assertThat(record.path(FailureMetric.DIMENSION).asText()).isEqualTo("unknown");
        assertThat(record.path(FailureMetric.METRIC).asInt()).isEqualTo(1);
    }

    /** What the code prints on standard output while {@code run} runs (Lambda sends it to CloudWatch Logs). */
    static List<String> stdout(Runnable run) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("{\"_aws\""))
                .toList();
    }
}
