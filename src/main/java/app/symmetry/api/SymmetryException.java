package app.symmetry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A refusal that the caller must see with its stable code.
 * <p>
 * Through the Lambda binding an uncaught exception becomes a function error. Funqy wraps it, and
 * the {@code errorMessage} Lambda reports is this exception's {@link #toString()}. So both
 * {@link #getMessage()} and {@link #toString()} are the very JSON body the client must receive: API
 * Gateway's integration responses select the status with a pattern on the code in it and pass the
 * JSON through unchanged.
 */
public class SymmetryException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient ApiError error;
    private final ErrorCode code;

    public SymmetryException(ErrorCode code, String field, String message) {
        this(code, field, message, null);
    }

    public SymmetryException(ErrorCode code, String field, String message, Throwable cause) {
        this(code, ApiError.of(code, field, message), cause);
    }

    private SymmetryException(ErrorCode code, ApiError error, Throwable cause) {
        super(toJson(error), cause, false, false);
        this.code = code;
        this.error = error;
    }

    public ErrorCode code() {
        return code;
    }

    public ApiError error() {
        return error;
    }

    @Override
    public String toString() {
        return getMessage();
    }

    public static SymmetryException storageUnavailable(Throwable cause) {
        return new SymmetryException(ErrorCode.STORAGE_UNAVAILABLE, null,
                "the answer store did not take the request; retry with the same submissionId", cause);
    }

    private static String toJson(ApiError error) {
        try {
            return JSON.writeValueAsString(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
