package app.symmetry.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The error JSON is written by hand; it must be exactly what Jackson writes for {@link ApiError}. */
class SymmetryExceptionTest {

    private final ObjectMapper jackson = new ObjectMapper();

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(ErrorCode.INVALID_FIELD, "recommend", "recommend must be an integer from 0 to 10"),
                Arguments.of(ErrorCode.STORAGE_UNAVAILABLE, null, "the answer store did not take the request"),
                Arguments.of(
                        ErrorCode.INVALID_FIELD,
                        "ratings.\"listening\"",
                        "quote \" backslash \\ tab \t newline \n bell \u0007 nul \u0000 é 😀 </script> \u2028"),
                Arguments.of(ErrorCode.UNKNOWN_UNIT, "unitId", null));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void writesWhatJacksonWrites(ErrorCode code, String field, String message) throws Exception {
        SymmetryException refusal = new SymmetryException(code, field, message);

        assertThat(refusal.getMessage()).isEqualTo(jackson.writeValueAsString(ApiError.of(code, field, message)));
        assertThat(refusal.toString()).isEqualTo(refusal.getMessage());
        assertThat(jackson.readTree(refusal.getMessage())
                        .path("error")
                        .path("code")
                        .asText())
                .isEqualTo(code.wireName());
    }
}
