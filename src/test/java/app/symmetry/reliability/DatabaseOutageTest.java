package app.symmetry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.local.EmbeddedDynamoDb;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.testing.Answers;
import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.Invitations;
import app.symmetry.testing.ReliabilityCounters;
import app.symmetry.testing.SesEmulator;
import app.symmetry.testing.TableItems;

/**
 * DynamoDB stops in the middle of a load and comes back. While it is down, clients are told 503
 * {@code storage_unavailable}, retryable; they retry with the same submission id until
 * acknowledged; afterwards every acknowledged answer is stored, exactly once.
 * <p>
 * The shared in-memory DynamoDB Local would lose its data when stopped, so this class runs on its
 * own DynamoDB Local, on disk under {@code target/outage-db}, on a fixed port it can restart on.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnDatabase.class)
class DatabaseOutageTest {

    static final String UNIT = "lyon-croix-rousse";
    static final Path DATA = Path.of("target", "outage-db");
    /** Kept in the JVM's properties: the profile and the test may not share a class loader. */
    static final String PORT = "symmetry.test.outage-db.port";

    static final String SERVER = "symmetry.test.outage-db.server";

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.dynamodb.endpoint-override",
                    "http://localhost:" + startOnce(),
                    // an unreachable database answers within a couple of seconds, not the SDK's default retries
                    "quarkus.dynamodb.api-call-timeout",
                    "3S",
                    "quarkus.dynamodb.api-call-attempt-timeout",
                    "1S");
        }
    }

    static synchronized int startOnce() {
        Object port = System.getProperties().get(PORT);
        if (port != null) {
            return (Integer) port;
        }
        deleteRecursively(DATA);
        int chosen = freePort();
        start(chosen);
        System.getProperties().put(PORT, chosen);
        return chosen;
    }

    static void start(int port) {
        EmbeddedDynamoDb db = EmbeddedDynamoDb.start(port, DATA);
        System.getProperties().put(SERVER, (AutoCloseable) db);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                db.close();
            } catch (RuntimeException ignored) {
                // already stopped
            }
        }));
    }

    static void stop() throws Exception {
        ((AutoCloseable) System.getProperties().remove(SERVER)).close();
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    TableItems table;

    @Test
    void noAcknowledgedAnswerIsLostWhenTheDatabaseStopsAndComesBack() throws Exception {
        int senders = 4;
        int perSender = ReliabilityCounters.heavy() ? 150 : 40;
        String code = Api.manager(base)
                .body(Map.of("unitId", UNIT, "kind", "customer"))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("token");

        AtomicBoolean down = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger unavailableWhileDown = new AtomicInteger();
        AtomicInteger unavailableAfter = new AtomicInteger();
        AtomicInteger otherServerErrors = new AtomicInteger();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> ackedAfter503 = ConcurrentHashMap.newKeySet();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            int sender = t;
            running.add(pool.submit(() -> {
                for (int i = 0; i < perSender; i++) {
                    Map<String, Object> body = Answers.feedback(code);
                    String id = (String) body.get("submissionId");
                    String agent = "outage-" + sender + "-" + UUID.randomUUID();
                    boolean saw503 = false;
                    for (int attempt = 0; ; attempt++) {
                        if (attempt > 400) {
                            unexpected.add(id + ": never acknowledged");
                            break;
                        }
                        requests.incrementAndGet();
                        Http.Reply reply = Http.post(base, "submitFeedback", body, agent);
                        if (reply.status() == 200) {
                            acknowledged.add(id);
                            if (saw503) {
                                ackedAfter503.add(id);
                            }
                            break;
                        }
                        if (reply.status() == 503
                                && "storage_unavailable".equals(reply.errorCode())
                                && Boolean.TRUE.equals(reply.retryable())) {
                            saw503 = true;
                            (down.get() ? unavailableWhileDown : unavailableAfter).incrementAndGet();
                            sleep(150);
                            continue;
                        }
                        if (reply.status() >= 500) {
                            otherServerErrors.incrementAndGet();
                        }
                        unexpected.add(id + ": " + reply.status() + " " + reply.body());
                        break;
                    }
                    sleep(15);
                }
                return null;
            }));
        }

        long deadline = System.currentTimeMillis() + 60_000;
        while (acknowledged.size() < senders * perSender / 4 && System.currentTimeMillis() < deadline) {
            sleep(20);
        }
        down.set(true);
        stop();
        sleep(200); // replies to requests already in flight when it stopped
        int acknowledgedBeforeOutage = acknowledged.size();
        long downSince = System.currentTimeMillis();
        while ((unavailableWhileDown.get() < 2 * senders || System.currentTimeMillis() - downSince < 3_000)
                && System.currentTimeMillis() - downSince < 30_000) {
            sleep(50);
        }
        int acknowledgedWhileDown = acknowledged.size() - acknowledgedBeforeOutage;
        start((Integer) System.getProperties().get(PORT));
        down.set(false);

        for (Future<?> f : running) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        Map<String, Integer> stored = new HashMap<>();
        for (Map<String, AttributeValue> item : table.withKeyPrefix("ANSWER#C#" + UNIT + "#")) {
            stored.merge(
                    SymmetryTable.customerAnswer(item.get(SymmetryTable.SK).s()).submissionId(), 1, Integer::sum);
        }
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored.keySet());

        ReliabilityCounters.add(ReliabilityCounters.OUTAGE_RETRY_ANSWERS, unavailableWhileDown.get());
        ReliabilityCounters.add(ReliabilityCounters.ANSWERS_LOST, lost.size());
        ReliabilityCounters.add(ReliabilityCounters.SERVER_ERRORS, otherServerErrors.get());
        ReliabilityCounters.add("outage: requests sent (retries included)", requests.get());
        ReliabilityCounters.add("outage: distinct acknowledged", acknowledged.size());
        ReliabilityCounters.add("outage: acknowledged after a 503 retry", ackedAfter503.size());
        ReliabilityCounters.add("outage: 503 just after the restart", unavailableAfter.get());

        assertThat(unexpected).as("answers other than 200 or a retryable 503").isEmpty();
        assertThat(unavailableWhileDown.get())
                .as("503 storage_unavailable while down")
                .isPositive();
        assertThat(acknowledgedWhileDown)
                .as("acknowledged while the database was down")
                .isZero();
        assertThat(ackedAfter503)
                .as("answers refused with 503, then acknowledged on retry with the same id")
                .isNotEmpty();
        assertThat(acknowledged).hasSize(senders * perSender);
        assertThat(lost).as("acknowledged but not stored").isEmpty();
        assertThat(stored.keySet()).isEqualTo(acknowledged);
        assertThat(stored.values()).as("each stored once").allMatch(c -> c == 1);
        ReliabilityCounters.add(ReliabilityCounters.FAULTS_SURVIVED, 1);
    }

    /** A function called while the database is down, and what its refusal must tell the client. */
    private record Call(String function, RequestSpecification request, boolean post, String says) {}

    private static final String RETRY_SAME_ID = "retry with the same submissionId";
    private static final String RETRY = "retry";

    /**
     * Every function that touches the table, stopped under it, reads and writes: each answers 503
     * {@code storage_unavailable}, retryable, with a message that fits what it was doing (only an
     * answer's write speaks of its submissionId), and writes nothing. The functions that never touch
     * the table keep working.
     */
    @Test
    void everyFunctionThatNeedsTheDatabaseSaysRetryAndWritesNothingWhileItIsDown() throws Exception {
        String unit = "paris-opera";
        String customerCode = issue("/issueUnitCode", Map.of("unitId", unit, "kind", "customer"), "token");
        String pulseCode = issue("/issueUnitCode", Campaigns.credential(base, unit, "pulse"), "token");
        String customerLink = issue("/issueLinks", Map.of("unitId", unit, "kind", "customer"), "links[0].token");
        String pulseLink = Invitations.pulse(base, Api.KEY, Campaigns.credential(base, unit, "pulse"), 1)
                .tokens()
                .get(0);
        List<String> invited = Invitations.freshAddresses(2);
        String day = LocalDate.now(ZoneId.of("Europe/Paris")).toString();
        Set<String> before = keys(table.all());

        List<Call> calls = List.of(
                // a link's batch is checked for revocation first (revokeLinkBatch): nothing is written yet
                // when that read fails; the write's own failure (retry with the same submissionId) is
                // DatabaseOutageTest's other test, under load
                new Call("submitFeedback", Api.anonymous(base).body(Answers.feedback(customerLink)), true, RETRY),
                new Call("submitPulse", Api.anonymous(base).body(Answers.pulse(pulseLink)), true, RETRY),
                // a unit code is checked for revocation first: nothing is written yet when that read fails
                new Call("submitFeedback", Api.anonymous(base).body(Answers.feedback(customerCode)), true, RETRY),
                new Call("submitPulse", Api.anonymous(base).body(Answers.pulse(pulseCode)), true, RETRY),
                // (a link's form reads nothing from storage: whether it was answered is not looked at)
                new Call("getForm", Api.anonymous(base).body(Map.of("token", customerCode)), true, RETRY),
                new Call("revokeUnitCode", Api.manager(base).body(Map.of("token", customerCode)), true, "not revoked"),
                new Call(
                        "sendInvitations",
                        Api.manager(base).body(Map.of("unitId", unit, "kind", "customer", "emails", invited)),
                        true,
                        "no invitation was queued"),
                new Call("aggregateSnapshots", Api.manager(base).body(Map.of()), true, "run it again"),
                new Call(
                        "aggregateSnapshots",
                        Api.manager(base).body(Map.of("from", day, "to", day)),
                        true,
                        "run it again"),
                new Call("getSnapshot", snapshot("unit", unit, "DAY:" + day), false, RETRY),
                new Call("getSnapshot", snapshot("unit", unit, "WEEK:2026-W48"), false, RETRY),
                new Call("getSnapshot", snapshot("unit", unit, "MONTH:2026-11"), false, RETRY),
                new Call("getSnapshot", snapshot("region", "ile-de-france", "MONTH:2026-11"), false, RETRY),
                new Call("getSnapshot", snapshot("org", "demo", "DAY:" + day), false, RETRY),
                new Call(
                        "listSnapshots",
                        Api.manager(base)
                                .queryParam("scope", "unit")
                                .queryParam("id", unit)
                                .queryParam("periodType", "DAY"),
                        false,
                        RETRY),
                new Call(
                        "listSnapshots",
                        Api.manager(base)
                                .queryParam("scope", "unit")
                                .queryParam("id", unit)
                                .queryParam("periodType", "MONTH"),
                        false,
                        RETRY),
                new Call(
                        "listSnapshots",
                        Api.manager(base).queryParam("scope", "units").queryParam("period", "DAY:" + day),
                        false,
                        RETRY),
                new Call(
                        "listSnapshots",
                        Api.manager(base).queryParam("scope", "units").queryParam("period", "WEEK:2026-W48"),
                        false,
                        RETRY),
                new Call(
                        "listSnapshots",
                        Api.manager(base).queryParam("scope", "regions").queryParam("period", "MONTH:2026-11"),
                        false,
                        RETRY),
                new Call(
                        "listSnapshots",
                        Api.manager(base).queryParam("scope", "region").queryParam("id", "ile-de-france"),
                        false,
                        RETRY),
                // a credential is handed out only once its audit entry is written (docs/access.md)
                new Call(
                        "issueUnitCode",
                        Api.manager(base).body(Map.of("unitId", unit, "kind", "customer")),
                        true,
                        RETRY),
                new Call(
                        "issueLinks",
                        Api.manager(base).body(Map.of("unitId", unit, "kind", "customer", "count", 2)),
                        true,
                        RETRY),
                new Call(
                        "listComments",
                        Api.manager(base)
                                .queryParam("scope", "unit")
                                .queryParam("id", unit)
                                .queryParam("period", "MONTH:2026-11"),
                        false,
                        RETRY));

        List<String> wrong = new ArrayList<>();
        stop();
        try {
            for (Call call : calls) {
                Response reply = call.post()
                        ? call.request().post("/" + call.function())
                        : call.request().get("/" + call.function());
                String message = reply.jsonPath().getString("error.message");
                boolean right = reply.statusCode() == 503
                        && "storage_unavailable".equals(reply.jsonPath().getString("error.code"))
                        && Boolean.TRUE.equals(reply.jsonPath().get("error.retryable"))
                        && message != null
                        && message.contains(call.says())
                        && (call.says().equals(RETRY_SAME_ID) || !message.contains("submissionId"));
                if (!right) {
                    wrong.add(call.function() + " " + reply.statusCode() + " " + reply.asString());
                }
            }
            // the functions that never touch the table do not notice
            Api.manager(base).get("/listUnits").then().statusCode(200);
        } finally {
            start((Integer) System.getProperties().get(PORT));
        }
        assertThat(wrong)
                .as("replies other than a fitting, retryable 503 storage_unavailable")
                .isEmpty();
        assertThat(keys(whenBack(table::all)))
                .as("items in the table after the outage")
                .isEqualTo(before);
        // the invitations refused while the table was down were not sent either
        for (String address : invited) {
            assertThat(SesEmulator.ofApplication().mailTo(address)).isEmpty();
        }
        // and the code that could not be revoked was not: it still opens its form
        Api.anonymous(base)
                .body(Map.of("token", customerCode))
                .post("/getForm")
                .then()
                .statusCode(200);
    }

    private String issue(String function, Map<String, Object> body, String path) {
        return Api.manager(base)
                .body(body)
                .post(function)
                .then()
                .statusCode(200)
                .extract()
                .path(path);
    }

    private RequestSpecification snapshot(String scope, String id, String period) {
        return Api.manager(base).queryParam("scope", scope).queryParam("id", id).queryParam("period", period);
    }

    /** A read just after the restart, asked again while the database is still warming up (1 s per attempt here). */
    private static <T> T whenBack(Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (SdkException warmingUp) {
                if (attempt == 10) {
                    throw warmingUp;
                }
                sleep(500);
            }
        }
    }

    private static Set<String> keys(List<Map<String, AttributeValue>> items) {
        Set<String> keys = new HashSet<>();
        items.forEach(i -> keys.add(
                i.get(SymmetryTable.PK).s() + " " + i.get(SymmetryTable.SK).s()));
        return keys;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
