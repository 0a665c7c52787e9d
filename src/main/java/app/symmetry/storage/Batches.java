package app.symmetry.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * DynamoDB's batch sizes, and the one place lists are cut to them (or to any group size) and where
 * what a batch left unprocessed is sent again.
 */
public final class Batches {

    /** DynamoDB takes at most 25 items per BatchWriteItem. */
    public static final int WRITE = 25;
    /** DynamoDB takes at most 100 keys per BatchGetItem. */
    public static final int GET = 100;

    private static final int ATTEMPTS = 8;

    private Batches() {}

    /** {@code items} in consecutive groups of {@code size}, the last one shorter. */
    public static <T> List<List<T>> of(List<T> items, int size) {
        List<List<T>> groups = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            groups.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return groups;
    }

    /**
     * Sends {@code batch}, then what DynamoDB left of it unprocessed (throttled), backing off 25 ms,
     * doubling, at most 1 s, until nothing is left; gives up after {@value #ATTEMPTS} attempts.
     *
     * @param send sends a batch and returns what it left unprocessed
     */
    static <B> void untilProcessed(B batch, UnaryOperator<B> send, Predicate<B> empty) {
        B pending = batch;
        for (int attempt = 0; !empty.test(pending); attempt++) {
            if (attempt == ATTEMPTS) {
                throw new StorageOperation.RetriesExhausted(
                        "DynamoDB left part of a batch unprocessed " + ATTEMPTS + " times", null);
            }
            if (attempt > 0) {
                backOff(attempt - 1);
            }
            pending = send.apply(pending);
        }
    }

    static void backOff(int attempt) {
        pause(Math.min(1000, 25L << attempt));
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageOperation.RetriesExhausted("interrupted while waiting to retry", e);
        }
    }
}
