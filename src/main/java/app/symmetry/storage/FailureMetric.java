package app.symmetry.storage;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The functions' own count of real failures, in CloudWatch embedded metric format (EMF): one JSON line
 * on standard output, which Lambda sends to CloudWatch Logs, where it becomes the metric
 * {@value #NAMESPACE}/{@value #METRIC} with the dimension {@value #DIMENSION} (the Lambda function's
 * name). template.yaml alarms on it, one alarm per function.
 * <p>
 * Why not Lambda's own {@code Errors}: every refusal (a wrong key, a spent link, a full campaign) leaves
 * the function as an exception, because API Gateway chooses the HTTP status from the error message; so
 * {@code Errors} counts curious managers and typos as much as outages. This counts only what a person on
 * call must look at: storage that did not answer ({@code 503 storage_unavailable}). Crashes and timeouts
 * never reach this code: API Gateway's {@code 5XXError} alarm, the throttle alarms and the aggregation's
 * dead-letter queue alarm catch those.
 * <p>
 * Standard output, not the logger: CloudWatch extracts EMF only from a log event that is the JSON object
 * alone, and the log format puts a time and level before each message.
 */
public final class FailureMetric {

    public static final String NAMESPACE = "Symmetry";
    public static final String METRIC = "Failures";
    public static final String DIMENSION = "Function";
    /** What a failure was: a property of the record (searchable in Logs Insights), not a dimension. */
    public static final String KIND = "failure";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,140}");

    private FailureMetric() {}

    /** One failure of {@code kind} (e.g. {@code storage}, with the operation), now. */
    static void count(String kind, String operation) {
        System.out.println(record(functionName(), kind, operation, Instant.now()));
    }

    /** The EMF record: the metric's definition under {@code _aws}, its value and dimension beside it. */
    static String record(String function, String kind, String operation, Instant at) {
        return "{\"_aws\":{\"Timestamp\":" + at.toEpochMilli()
                + ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + NAMESPACE + "\",\"Dimensions\":[[\"" + DIMENSION
                + "\"]],\"Metrics\":[{\"Name\":\"" + METRIC + "\",\"Unit\":\"Count\"}]}]},\"" + DIMENSION + "\":\""
                + safe(function) + "\",\"" + METRIC + "\":1,\"" + KIND + "\":\"" + safe(kind) + "\",\"operation\":\""
                + safe(operation) + "\"}";
    }

    /**
     * The Lambda function's name ({@code AWS_LAMBDA_FUNCTION_NAME}, set by Lambda; the alarm's dimension
     * is the same {@code Ref}), else the function served ({@code QUARKUS_FUNQY_EXPORT}), else {@code local}.
     */
    static String functionName() {
        String name = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        if (name == null || name.isBlank()) {
            name = System.getenv("QUARKUS_FUNQY_EXPORT");
        }
        return name == null || name.isBlank() ? "local" : name;
    }

    private static String safe(String value) {
        return value != null && NAME.matcher(value).matches() ? value : "unknown";
    }
}
