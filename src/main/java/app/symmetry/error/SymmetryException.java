package app.symmetry.error;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

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

    /** @param message what the client should do, which depends on what failed (storage's {@code StorageOperation}) */
    public static SymmetryException storageUnavailable(String message, Throwable cause) {
        return new SymmetryException(ErrorCode.STORAGE_UNAVAILABLE, null, message, cause);
    }

    /**
     * {@link ApiError}'s JSON, written by hand: a mapper of its own cost every cold start tens of
     * milliseconds, for four members ({@code field} left out when null, as {@link ApiError.Detail} says).
     */
    static String toJson(ApiError error) {
        ApiError.Detail detail = error.error();
        StringBuilder json = new StringBuilder(128).append("{\"error\":{\"code\":");
        quoted(json, detail.code());
        if (detail.field() != null) {
            quoted(json.append(",\"field\":"), detail.field());
        }
        if (detail.message() != null) {
            quoted(json.append(",\"message\":"), detail.message());
        }
        return json.append(",\"retryable\":").append(detail.retryable()).append("}}").toString();
    }

    private static StringBuilder quoted(StringBuilder json, String text) {
        json.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, json);
        return json.append('"');
    }
}
