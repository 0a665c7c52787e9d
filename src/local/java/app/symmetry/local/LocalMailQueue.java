package app.symmetry.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.arc.profile.IfBuildProfile;

import app.symmetry.function.request.InvitationRequests;
import app.symmetry.invitation.InvitationService;
import app.symmetry.mail.MailQueue;

/**
 * SQS, where there is none (the local run and the tests): the messages wait in this process, and a
 * background thread hands each to the same sender service the SQS-invoked function calls
 * ({@link InvitationService#deliver}). A delivery that fails comes back after
 * {@code symmetry.local.mail-queue.redelivery} (SQS's visibility timeout), at most
 * {@value #MAX_RECEIVES} times, then is dropped with a warning (the dead-letter queue's place).
 * <p>
 * With {@code symmetry.local.mail-queue.deliver=false} nothing is delivered here: a test takes the
 * messages ({@link #take()}) and sends them to the sender function as SQS would.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalMailQueue implements MailQueue {

    static final int MAX_RECEIVES = 8;
    private static final Logger LOG = Logger.getLogger(LocalMailQueue.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean deliver;
    private final Duration redelivery;
    private final ConcurrentLinkedQueue<String> waiting = new ConcurrentLinkedQueue<>();
    private volatile ScheduledExecutorService sender;

    public LocalMailQueue(
            @ConfigProperty(name = "symmetry.local.mail-queue.deliver", defaultValue = "true") boolean deliver,
            @ConfigProperty(name = "symmetry.local.mail-queue.redelivery", defaultValue = "PT30S")
                    Duration redelivery) {
        this.deliver = deliver;
        this.redelivery = redelivery;
    }

    @Override
    public void enqueue(List<String> messages) {
        if (!deliver) {
            waiting.addAll(messages);
            return;
        }
        for (String message : messages) {
            sender().execute(() -> attempt(message, 1));
        }
    }

    /** The messages waiting (only with {@code deliver=false}), taken off the queue. */
    public List<String> take() {
        List<String> taken = new ArrayList<>();
        for (String m; (m = waiting.poll()) != null; ) {
            taken.add(m);
        }
        return taken;
    }

    private void attempt(String message, int receive) {
        try {
            InvitationService service =
                    Arc.container().instance(InvitationService.class).get();
            service.deliver(InvitationRequests.delivery(parse(message)));
        } catch (RuntimeException e) {
            if (receive >= MAX_RECEIVES) {
                LOG.warnf(
                        "invitation message dropped after %d deliveries (the dead-letter queue's place): %s",
                        receive, e.getMessage());
                return;
            }
            LOG.infof("invitation message delivered again in %s: %s", redelivery, e.getMessage());
            sender().schedule(() -> attempt(message, receive + 1), redelivery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static Map<String, Object> parse(String message) {
        try {
            return JSON.readValue(message, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an invitation message that is not JSON", e);
        }
    }

    private ScheduledExecutorService sender() {
        ScheduledExecutorService s = sender;
        if (s == null) {
            synchronized (this) {
                s = sender;
                if (s == null) {
                    s = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "symmetry-local-mail-queue");
                        t.setDaemon(true);
                        return t;
                    });
                    sender = s;
                }
            }
        }
        return s;
    }

    @PreDestroy
    void stop() {
        ScheduledExecutorService s = sender;
        if (s != null) {
            s.shutdownNow();
        }
    }
}
