package app.symmetry.error;

import app.symmetry.json.JsonText;

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

    /** {@link ApiError}'s JSON, {@code field} left out when null as {@link ApiError.Detail} says ({@link JsonText} says why by hand). */
    static String toJson(ApiError error) {
        ApiError.Detail detail = error.error();
        JsonText json = new JsonText(128)
                .startObject()
                .name("error")
                .startObject()
                .name("code")
                .value(detail.code());
        if (detail.field() != null) {
            json.name("field").value(detail.field());
        }
        if (detail.message() != null) {
            json.name("message").value(detail.message());
        }
        return json.name("retryable")
                .value(detail.retryable())
                .endObject()
                .endObject()
                .toString();
    }
}
