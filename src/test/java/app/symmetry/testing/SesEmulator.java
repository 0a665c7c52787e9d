package app.symmetry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.symmetry.local.SesEmulatorProcess;

/**
 * The SES emulator ({@code aws-ses-v2-local}, Node) as tests use it: started on a free port, and its
 * mailbox read over its own HTTP API ({@code GET /store}), the e-mails as SES took them, never through
 * the application's code.
 * <p>
 * One emulator serves the whole test run ({@link #shared()}, started by {@link SesEmulatorResource});
 * tests tell their e-mails apart by their recipients. A {@code @QuarkusTest} runs in the application's
 * class loader, where this class is another copy: {@link #ofApplication()} finds the emulator through
 * the application's {@code symmetry.mail.endpoint-override}.
 */
public final class SesEmulator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static SesEmulator shared;

    private final String endpoint;
    private final SesEmulatorProcess process;

    private SesEmulator(String endpoint, SesEmulatorProcess process) {
        this.endpoint = endpoint;
        this.process = process;
    }

    /** A new emulator of its own, on a free port (installed under target/ses-emulator if missing). */
    public static SesEmulator start() {
        SesEmulatorProcess process = SesEmulatorProcess.start(installDir(), 0);
        return new SesEmulator(process.endpoint(), process);
    }

    /** The test run's emulator, started once and stopped with the JVM. */
    public static synchronized SesEmulator shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /** The emulator the running application sends to. */
    public static SesEmulator ofApplication() {
        return new SesEmulator(
                ConfigProvider.getConfig().getValue("symmetry.mail.endpoint-override", String.class), null);
    }

    public String endpoint() {
        return endpoint;
    }

    /** Every e-mail the emulator took, oldest first. */
    public List<SentMail> mailbox() {
        JsonNode store = get("/store");
        List<SentMail> mails = new ArrayList<>();
        for (JsonNode e : store.path("emails")) {
            List<String> to = new ArrayList<>();
            e.path("destination").path("to").forEach(a -> to.add(a.asText()));
            mails.add(new SentMail(
                    e.path("messageId").asText(),
                    e.path("from").asText(),
                    to,
                    e.path("subject").asText(),
                    e.path("body").path("text").asText(null),
                    e.path("body").path("html").asText(null),
                    Instant.ofEpochSecond(e.path("at").asLong())));
        }
        return mails;
    }

    /** The e-mails sent to one address, oldest first. */
    public List<SentMail> mailTo(String address) {
        return mailbox().stream().filter(m -> m.to().contains(address)).toList();
    }

    /** Stops an emulator this object started (not the application's, seen through {@link #ofApplication()}). */
    public void stop() {
        if (process != null) {
            process.close();
        }
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(endpoint + path))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path installDir() {
        return Path.of(System.getProperty("user.dir")).resolve(SesEmulatorProcess.DEFAULT_INSTALL);
    }

    /** One e-mail as the emulator stored it. */
    public record SentMail(
            String messageId, String from, List<String> to, String subject, String text, String html, Instant at) {}
}
