package app.symmetry.error;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of every error: {@code {"error": {"code", "field", "message", "retryable"}}}. */
@RegisterForReflection
public record ApiError(Detail error) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String field, String message, boolean retryable) {}

    public static ApiError of(ErrorCode code, String field, String message) {
        return new ApiError(new Detail(code.wireName(), field, message, code.retryable()));
    }
}
