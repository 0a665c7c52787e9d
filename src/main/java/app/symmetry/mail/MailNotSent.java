package app.symmetry.mail;

/**
 * An e-mail SES did not accept. {@link #retryable()} says whether sending the same e-mail again later
 * may succeed (throttled, SES unavailable or failing, a timeout, the network) or never will (an address
 * SES rejects, a sender it does not know, a paused account); {@link #reason()} is a stable short code
 * for whoever reports the failure. The message never contains the recipient's address.
 */
public class MailNotSent extends RuntimeException {

    /** SES said slow down. */
    public static final String THROTTLED = "throttled";
    /** SES answered with a server error (5xx). */
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";
    /** SES could not be reached, or did not answer in time. */
    public static final String UNREACHABLE = "unreachable";
    /** SES refused this e-mail: the address, the content or the sender. */
    public static final String REJECTED = "rejected";
    /** The account may not send (paused, suspended, the sender not verified). */
    public static final String SENDING_NOT_ALLOWED = "sending_not_allowed";
    /** No sender address is configured ({@code symmetry.mail.from}). */
    public static final String NOT_CONFIGURED = "not_configured";

    private final String reason;
    private final boolean retryable;

    public MailNotSent(String reason, boolean retryable, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryable = retryable;
    }

    public String reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }
}
