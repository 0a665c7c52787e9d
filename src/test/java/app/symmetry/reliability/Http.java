package app.symmetry.reliability;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A thread-safe JSON client for concurrent senders (RestAssured is not meant for many threads). */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        String errorCode() {
            Object error = body.get("error");
            return error instanceof Map<?, ?> e ? (String) ((Map<String, Object>) e).get("code") : null;
        }

        @SuppressWarnings("unchecked")
        Boolean retryable() {
            Object error = body.get("error");
            return error instanceof Map<?, ?> e ? (Boolean) ((Map<String, Object>) e).get("retryable") : null;
        }
    }

    private Http() {}

    @SuppressWarnings("unchecked")
    static Reply post(URL base, String function, Map<String, Object> body, String userAgent) {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(base.toString()).resolve(function))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("User-Agent", userAgent)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, Object> parsed =
                    response.body() == null || response.body().isBlank()
                            ? Map.of()
                            : JSON.readValue(response.body(), Map.class);
            return new Reply(response.statusCode(), parsed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("request to " + function + " failed: " + e, e);
        }
    }
}
