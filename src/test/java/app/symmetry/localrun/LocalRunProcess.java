package app.symmetry.localrun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The local run as a child process: the jar of {@link LocalRunBuild}, on a data directory and ports of
 * the test's choosing, with DynamoDB Local embedded in it as users run it.
 *
 * <pre>
 * try (LocalRunProcess run = LocalRunProcess.start(dataDir, Map.of())) {
 *     run.baseUrl();      // http://localhost:&lt;port&gt;/
 *     run.kill();         // SIGKILL, as the OOM killer or a crash would
 * }
 * LocalRunProcess again = LocalRunProcess.start(dataDir, Map.of()); // same data
 * </pre>
 *
 * {@code start} returns once the run is ready: the table exists, the startup is over and HTTP is
 * served. Its output goes to {@code <dataDir>/../<dataDir name>-run-<n>.log}.
 */
public final class LocalRunProcess implements AutoCloseable {

    /** The API key every child is started with ({@code SYMMETRY_API_KEY}). */
    public static final String API_KEY = "local-run-test-key";

    private static final String READY = "Listening on: ";
    private static int started;

    private final Process process;
    private final int httpPort;
    private final int dynamoPort;
    private final Path log;

    private LocalRunProcess(Process process, int httpPort, int dynamoPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.dynamoPort = dynamoPort;
        this.log = log;
    }

    /** On free ports, without demo history unless {@code env} says otherwise. */
    public static LocalRunProcess start(Path dataDir, Map<String, String> env) {
        int[] ports = freePorts(2);
        return start(dataDir, ports[0], ports[1], env);
    }

    /**
     * @param dataDir {@code SYMMETRY_LOCAL_DATA_DIR}: DynamoDB Local's files go in its {@code dynamodb} folder
     * @param env     more environment variables for the child (they win over the defaults set here)
     */
    public static LocalRunProcess start(Path dataDir, int httpPort, int dynamoPort, Map<String, String> env) {
        Path jar = LocalRunBuild.jar();
        Path log;
        synchronized (LocalRunProcess.class) {
            log = dataDir.toAbsolutePath().resolveSibling(dataDir.getFileName() + "-run-" + (++started) + ".log");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsqlite4java.library.path=" + LocalRunBuild.nativeLibraries(),
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(jar.getParent().toFile()).redirectErrorStream(true);
        Map<String, String> childEnv = new HashMap<>();
        childEnv.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        childEnv.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", "http://localhost:" + dynamoPort);
        childEnv.put("SYMMETRY_LOCAL_DATA_DIR", dataDir.toAbsolutePath().toString());
        // its own SES emulator, on a port of its own (8005 may be another run's)
        childEnv.put("SYMMETRY_MAIL_ENDPOINT_OVERRIDE", "http://localhost:" + freePorts(1)[0]);
        childEnv.put(
                "SYMMETRY_LOCAL_SES_EMULATOR_DIR",
                Path.of("target", "ses-emulator").toAbsolutePath().toString());
        childEnv.put("SYMMETRY_DEMO_HISTORY", "false");
        childEnv.put("SYMMETRY_API_KEY", API_KEY);
        childEnv.put("SYMMETRY_PUBLIC_URL", "http://localhost:" + httpPort);
        childEnv.putAll(env);
        builder.environment().putAll(childEnv);
        try {
            Files.createDirectories(dataDir);
            Process process = builder.start();
            LocalRunProcess run = new LocalRunProcess(process, httpPort, dynamoPort, log);
            run.awaitReady(Duration.ofSeconds(120));
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the functions are served, ending with {@code /}. */
    public URI baseUrl() {
        return URI.create("http://localhost:" + httpPort + "/");
    }

    /** The embedded DynamoDB Local, for tests that read the table as an auditor would. */
    public URI dynamoEndpoint() {
        return URI.create("http://localhost:" + dynamoPort);
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux and macOS): no shutdown hook, no flush. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as Ctrl+C: Quarkus shuts down (and DynamoDB Local with it); SIGKILL after 30 s. */
    public void stop() {
        process.destroy();
        if (!awaitExit(Duration.ofSeconds(30))) {
            kill();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Copies the child's output to its log and waits for Quarkus' "Listening on" line (printed after startup). */
    private void awaitReady(Duration timeout) throws IOException {
        CountDownLatch ready = new CountDownLatch(1);
        Writer out = Files.newBufferedWriter(
                log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                            out) {
                        for (String line; (line = in.readLine()) != null; ) {
                            out.write(line);
                            out.write('\n');
                            // line by line: tests read the log while the run goes on
                            out.flush();
                            if (line.contains(READY)) {
                                ready.countDown();
                            }
                        }
                    } catch (IOException e) {
                        // the child died: awaitReady reports it
                    }
                },
                "local-run-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!ready.await(200, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    pump.join(5000);
                    throw new IllegalStateException("the local run did not get ready ("
                            + (process.isAlive() ? "timed out" : "exited " + process.exitValue()) + "); its output: "
                            + log + "\n" + tail(log));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /**
     * Distinct free ports: every socket stays open until all are taken, because a port asked for and
     * released at once can be handed out again by the next request (it was: HTTP and DynamoDB Local once
     * got the same port and the local run could not start).
     */
    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // a port we could not close is still a distinct port
                }
            }
        }
    }
}
