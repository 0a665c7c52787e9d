package app.symmetry.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figures for the end-of-run reliability summary, incremented by the tests themselves. Kept in the
 * JVM's system properties (as {@link AtomicLong}s, a bootstrap class): Quarkus tests run in their
 * own class loader, the summary listener in the launcher's, and both must see the same counters.
 */
public final class ReliabilityCounters {

    public static final String INPUTS_TRIED = "inputs tried (hostile input)";
    public static final String INPUTS_REJECTED = "inputs refused with a structured 4xx";
    public static final String INPUTS_ACCEPTED = "inputs accepted (200)";
    public static final String LOAD_SENT = "load: answers sent (requests, retries included)";
    public static final String LOAD_DISTINCT = "load: distinct submissions";
    public static final String LOAD_ACKNOWLEDGED = "load: distinct acknowledged";
    public static final String LOAD_STORED = "load: stored answers found";
    public static final String SERVER_ERRORS = "5xx answers other than storage_unavailable";
    public static final String FAULTS_SURVIVED = "faults survived";
    public static final String OUTAGE_RETRY_ANSWERS = "503 storage_unavailable (retryable) while down";
    public static final String ANSWERS_LOST = "answers lost (acknowledged but not stored)";
    public static final String LOCAL_RUN_CRASHES_SURVIVED = "local run: crashes survived (SIGKILL mid-load)";
    public static final String LOCAL_RUN_ACKNOWLEDGED_LOST = "local run: acknowledged answers lost";
    public static final String ATTACKS = "anonymity: derivations tried";
    public static final String LEAKS = "anonymity: groups under k isolated";
    public static final String CLOSED_PERIOD_ATTEMPTS = "anonymity: attempts to change a closed period";
    public static final String CLOSED_PERIOD_CHANGES = "anonymity: closed employee figures changed";
    public static final String SECURITY_REFUSALS = "security: refusals checked";
    public static final String ACCESS_ATTACKS = "access: attacks through a key refused";

    private static final String PREFIX = "symmetry.reliability.counter.";

    private ReliabilityCounters() {}

    public static void add(String name, long delta) {
        counter(name).addAndGet(delta);
    }

    public static long get(String name) {
        return counter(name).get();
    }

    private static AtomicLong counter(String name) {
        return (AtomicLong) System.getProperties().computeIfAbsent(PREFIX + name, k -> new AtomicLong());
    }

    /** Every counter a test touched, by name. */
    public static Map<String, Long> all() {
        Map<String, Long> out = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k instanceof String key && key.startsWith(PREFIX) && v instanceof AtomicLong value) {
                out.put(key.substring(PREFIX.length()), value.get());
            }
        });
        return out;
    }

    /** Heavy variants: {@code -Dsymmetry.heavy=true}. */
    public static boolean heavy() {
        return Boolean.getBoolean("symmetry.heavy");
    }
}
