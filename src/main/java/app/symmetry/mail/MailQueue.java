package app.symmetry.mail;

import java.util.List;

/**
 * Where e-mail work waits for the sender: on AWS an SQS queue whose messages a sender function
 * receives ({@link SqsMailQueue}); locally, where there is no SQS, the local run's in-process queue.
 * A message is a JSON document the sender reads back; it may hold addresses, and is gone once sent.
 */
public interface MailQueue {

    /** Queues every message, or throws {@link MailNotSent} (retryable) and none may be assumed queued. */
    void enqueue(List<String> messages);
}
