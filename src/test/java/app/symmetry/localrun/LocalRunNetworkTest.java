package app.symmetry.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.symmetry.testing.ReliabilityCounters;

/**
 * Issue 15, item 6: the local run listens on the LAN so that phones can answer, and nothing else of it
 * is open to the network. The built local run is started as users start it; its listening sockets are
 * read from the kernel ({@code /proc/<pid>/net/tcp*}), and where this machine has an address other
 * than the loopback, the run is called through it, as a phone on the shop's Wi-Fi would (the peer
 * address the run sees is then that address, not the loopback).
 */
class LocalRunNetworkTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static LocalRunProcess run;
    static int httpPort;
    static int dynamoPort;

    @BeforeAll
    static void start() throws IOException {
        Path data = Path.of("target", "local-run-network", "data").toAbsolutePath();
        deleteRecursively(data.getParent());
        run = LocalRunProcess.start(data, Map.of());
        httpPort = run.baseUrl().getPort();
        dynamoPort = run.dynamoEndpoint().getPort();
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void aLanClientReachingDynamoDbLocalIsRefused() throws Exception {
        List<Listening> sockets = listeningSockets(run.pid());
        assertThat(sockets)
                .as("the local run's listening sockets")
                .extracting(Listening::port)
                .contains(httpPort, dynamoPort);
        assertThat(sockets)
                .as("DynamoDB Local listens on the loopback only")
                .filteredOn(s -> s.port() == dynamoPort)
                .allSatisfy(s -> assertThat(s.address().isLoopbackAddress())
                        .as(s.toString())
                        .isTrue());
        assertThat(sockets)
                .as("nothing but the HTTP server (forms for phones) listens beyond the loopback")
                .filteredOn(s -> s.port() != httpPort)
                .allSatisfy(s -> assertThat(s.address().isLoopbackAddress())
                        .as(s.toString())
                        .isTrue());

        // on this machine the table answers (so the refusal below is the binding, not a dead server)
        try (Socket local = new Socket()) {
            local.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), dynamoPort), 2000);
        }
        Optional<InetAddress> lan = nonLoopbackAddress();
        assumeTrue(lan.isPresent(), "this machine has only the loopback: no other address to try DynamoDB Local on");
        assertThatThrownBy(() -> {
                    try (Socket fromLan = new Socket()) {
                        fromLan.connect(new InetSocketAddress(lan.get(), dynamoPort), 2000);
                    }
                })
                .as("DynamoDB Local through " + lan.get().getHostAddress())
                .isInstanceOf(ConnectException.class);
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    @Test
    void aPhoneOnTheShopWifiCallingListApiKeysIsRefusedEvenWithTheAdminKey() throws Exception {
        Optional<InetAddress> lan = nonLoopbackAddress();
        assumeTrue(lan.isPresent(), "this machine has only the loopback: no other address to call the local run from");
        URI fromLan = URI.create("http://" + hostLiteral(lan.get()) + ":" + httpPort + "/");

        // on this machine the admin key lists keys: the refusal from the LAN is the address, not the key
        assertThat(get(run.baseUrl(), "listApiKeys", LocalRunProcess.API_KEY).statusCode())
                .isEqualTo(200);
        HttpResponse<String> keys = get(fromLan, "listApiKeys", LocalRunProcess.API_KEY);
        assertThat(keys.statusCode()).as(keys.body()).isEqualTo(403);
        assertThat(JSON.readTree(keys.body()).path("error").path("code").asText())
                .isEqualTo("forbidden");

        HttpResponse<String> minted = post(
                fromLan, "createApiKey", Map.of("role", "admin", "label", "from a phone"), LocalRunProcess.API_KEY);
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(403);
        for (String path : List.of(
                "",
                "dashboard/",
                "listUnits",
                "links.csv?unitId=paris-opera&kind=customer&count=5&expiresInDays=3",
                "posters/paris-opera.svg",
                "q/openapi",
                "q/swagger-ui/")) {
            HttpResponse<String> r = get(fromLan, path, LocalRunProcess.API_KEY);
            assertThat(r.statusCode()).as("/" + path + " from " + fromLan).isEqualTo(403);
        }
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    @Test
    void aPhoneOnTheShopWifiStillOpensTheFormAndAnswers() throws Exception {
        Optional<InetAddress> lan = nonLoopbackAddress();
        assumeTrue(lan.isPresent(), "this machine has only the loopback: no other address to call the local run from");
        URI fromLan = URI.create("http://" + hostLiteral(lan.get()) + ":" + httpPort + "/");

        HttpResponse<String> code = post(
                run.baseUrl(),
                "issueUnitCode",
                Map.of("unitId", "paris-opera", "kind", "customer"),
                LocalRunProcess.API_KEY);
        assertThat(code.statusCode()).as(code.body()).isEqualTo(200);
        String token = JSON.readTree(code.body()).path("token").asText();

        HttpResponse<String> page = get(fromLan, "form/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/form/form.js");
        for (String asset : List.of("form/form.js", "assets/api.js", "assets/app.css")) {
            assertThat(get(fromLan, asset, null).statusCode()).as(asset).isEqualTo(200);
        }
        HttpResponse<String> form = post(fromLan, "getForm", Map.of("token", token), null);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        String submissionId = UUID.randomUUID().toString();
        HttpResponse<String> answer = post(
                fromLan,
                "submitFeedback",
                Map.of("submissionId", submissionId, "token", token, "language", "en", "recommend", 9),
                null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("submissionId").asText()).isEqualTo(submissionId);
    }

    record Listening(InetAddress address, int port) {}

    /**
     * The TCP sockets the process listens on: its socket inodes ({@code /proc/<pid>/fd}) matched with
     * the kernel's socket tables (state {@code 0A} is LISTEN).
     */
    static List<Listening> listeningSockets(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        assumeTrue(
                Files.isDirectory(proc.resolve("fd")), "no /proc on this system: the bound addresses cannot be read");
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // a descriptor closed meanwhile
                }
            }
        }
        List<Listening> listening = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = proc.resolve("net").resolve(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line :
                    Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    listening.add(new Listening(procAddress(local[0]), Integer.parseInt(local[1], 16)));
                }
            }
        }
        return listening;
    }

    /** /proc/net/tcp* write addresses as 32-bit words in the machine's (little-endian) byte order. */
    static InetAddress procAddress(String hex) throws UnknownHostException {
        byte[] raw = new BigInteger("1" + hex, 16).toByteArray();
        byte[] bytes = new byte[hex.length() / 2];
        System.arraycopy(raw, raw.length - bytes.length, bytes, 0, bytes.length);
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte b = bytes[word + i];
                bytes[word + i] = bytes[word + 3 - i];
                bytes[word + 3 - i] = b;
            }
        }
        return InetAddress.getByAddress(bytes);
    }

    /** An address of this machine other than the loopback, IPv4 first: what a LAN client would call. */
    static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (i.isUp() && !i.isLoopback()) {
                i.inetAddresses()
                        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                        .forEach(found::add);
            }
        }
        return found.stream().min(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1));
    }

    static String hostLiteral(InetAddress address) {
        String host = address.getHostAddress();
        int zone = host.indexOf('%');
        host = zone < 0 ? host : host.substring(0, zone);
        return address instanceof Inet4Address ? host : "[" + host + "]";
    }

    static HttpResponse<String> get(URI base, String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .GET();
        if (key != null) {
            request.header("x-api-key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(URI base, String function, Map<String, Object> body, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(function))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (key != null) {
            request.header("x-api-key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
