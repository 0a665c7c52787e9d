package app.symmetry.error;

import java.util.Locale;

/**
 * The stable error codes of the public contract (openapi.yaml). The HTTP status travels with the code so
 * that the local HTTP binding and API Gateway's integration responses map it the same way.
 */
public enum ErrorCode {
    MALFORMED_JSON(400),
    INVALID_FIELD(400),
    UNKNOWN_FIELD(400),
    MISSING_FIELD(400),
    TOO_LARGE(400),
    /** A pulse answer with words in it: employees' comments are not stored (README, "Employees' comments"). */
    COMMENT_NOT_ACCEPTED(400),
    UNAUTHENTICATED(401),
    INVALID_TOKEN(403),
    FORBIDDEN(403),
    UNKNOWN_UNIT(404),
    NOT_FOUND(404),
    CAMPAIGN_FULL(409),
    /** A follow-up asked to go back, or to leave closed, or moved on since it was read. */
    INVALID_TRANSITION(409),
    LINK_SPENT(410),
    LINK_EXPIRED(410),
    TOKEN_REVOKED(410),
    /** A recompute reaching days whose raw answers may have expired (retention). */
    ANSWERS_EXPIRED(410),
    RATE_LIMITED(429),
    STORAGE_UNAVAILABLE(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The code as it is written on the wire: {@code invalid_field}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Only a storage failure is worth retrying with the same request; every other code is final. */
    public boolean retryable() {
        return this == STORAGE_UNAVAILABLE;
    }
}
