package app.symmetry.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The test run's SES emulator behind a switch (every {@code @QuarkusTest} sends through it, see
 * {@link SesEmulatorResource}): passed through as it is, or answering every call as SES
 * does when it throttles ({@code 429 TooManyRequestsException}) or fails ({@code 503}). The switch is an
 * HTTP call ({@code POST /fault/throttle|down|none}), so that a test flips it from any class loader.
 */
public final class FaultySes {

    private static FaultySes instance;

    private final HttpServer server;
    private final String target;
    private final AtomicReference<String> fault = new AtomicReference<>("none");
    private final AtomicInteger refused = new AtomicInteger();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FaultySes(String target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** One per test JVM, in front of {@link SesEmulator#shared()}. */
    public static synchronized String endpoint() {
        if (instance == null) {
            try {
                instance = new FaultySes(SesEmulator.shared().endpoint());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return "http://127.0.0.1:" + instance.server.getAddress().getPort();
    }

    /** Flips the switch of the one at {@code endpoint}: {@code throttle}, {@code down} or {@code none}. */
    public static void set(String endpoint, String mode) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(endpoint + "/fault/" + mode))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("fault switch answered " + r.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.startsWith("/fault/")) {
            fault.set(path.substring("/fault/".length()));
            respond(exchange, 200, "text/plain", "ok");
            return;
        }
        // only the SES API fails; the mailbox (GET /store) stays readable
        String mode =
                exchange.getRequestMethod().equals("POST") && !path.startsWith("/clear-store") ? fault.get() : "none";
        switch (mode) {
            case "throttle" -> {
                refused.incrementAndGet();
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "TooManyRequestsException");
                respond(exchange, 429, "application/json", "{\"message\":\"Too many requests\"}");
            }
            case "down" -> {
                refused.incrementAndGet();
                respond(exchange, 503, "application/json", "{\"message\":\"Service unavailable\"}");
            }
            default -> forward(exchange, path, body);
        }
    }

    private void forward(HttpExchange exchange, String path, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path))
                .timeout(Duration.ofSeconds(10))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            String n = name.toLowerCase();
            if (!n.equals("host") && !n.equals("content-length") && !n.equals("connection") && !n.equals("expect")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            int length = response.body().length;
            response.headers()
                    .firstValue("content-type")
                    .ifPresent(ct -> exchange.getResponseHeaders().add("Content-Type", ct));
            exchange.sendResponseHeaders(response.statusCode(), length == 0 ? -1 : length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 502, "text/plain", "interrupted");
        } catch (IOException | RuntimeException e) {
            respond(exchange, 502, "text/plain", "the emulator did not answer: " + e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
