package app.symmetry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The AWS Lambda Runtime API, as much of it as a function's poll loop uses, on 127.0.0.1: a
 * function process polls {@code GET /2018-06-01/runtime/invocation/next} for an event and posts its
 * answer to {@code /invocation/{id}/response} (or {@code /error}). Each answer is timed on arrival.
 * Used by the benchmark (cold starts) and by the deploy tests (the packaged function started as the
 * template says).
 */
public final class LambdaRuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    static {
        // without it, small answers wait on delayed ACKs (tens of ms per invocation on loopback)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public record Answer(long nanoTime, boolean error, String body) {}

    private record Invocation(String id, String event, CompletableFuture<Answer> answer) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lambda-runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;
    private volatile String initError;
    /** When the function first asked for an invocation: its init was over (System.nanoTime, 0 before). */
    private volatile long initDone;

    public LambdaRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** What {@code AWS_LAMBDA_RUNTIME_API} is set to. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public String initError() {
        return initError;
    }

    /** The {@link System#nanoTime} of the function's first {@code GET invocation/next} (its init done), or 0. */
    public long initDoneNanoTime() {
        return initDone;
    }

    /** Queues one event; the future completes when the function posts its answer. */
    public CompletableFuture<Answer> invoke(String event) {
        Invocation invocation = new Invocation("req-" + ids.incrementAndGet(), event, new CompletableFuture<>());
        inFlight.put(invocation.id(), invocation);
        queue.add(invocation);
        return invocation.answer();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            if (exchange.getRequestMethod().equals("GET") && path.equals("invocation/next")) {
                if (initDone == 0) {
                    initDone = System.nanoTime();
                }
                Invocation next = null;
                while (next == null && !closed) {
                    try {
                        next = queue.poll(200, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (next == null) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                byte[] body = next.event().getBytes(StandardCharsets.UTF_8);
                var headers = exchange.getResponseHeaders();
                headers.set("Content-Type", "application/json");
                headers.set("Lambda-Runtime-Aws-Request-Id", next.id());
                headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
                headers.set(
                        "Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-3:000000000000:function:bench");
                headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            if (exchange.getRequestMethod().equals("POST") && path.startsWith("invocation/")) {
                String[] parts = path.split("/");
                String body = read(exchange.getRequestBody());
                long at = System.nanoTime();
                Invocation invocation = parts.length == 3 ? inFlight.remove(parts[1]) : null;
                exchange.sendResponseHeaders(202, -1);
                if (invocation != null) {
                    invocation.answer().complete(new Answer(at, parts[2].equals("error"), body));
                }
                return;
            }
            if (exchange.getRequestMethod().equals("POST") && path.equals("init/error")) {
                initError = read(exchange.getRequestBody());
                exchange.sendResponseHeaders(202, -1);
                return;
            }
            exchange.sendResponseHeaders(404, -1);
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
