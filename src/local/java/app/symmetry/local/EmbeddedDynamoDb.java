package app.symmetry.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local running inside this JVM: the real storage engine for tests and the local run, with
 * no Docker and no network. In memory for tests; on disk for the local run, so data outlives it.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final int port;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** @param dataDir where to keep the data, or {@code null} to keep it in memory */
    public static EmbeddedDynamoDb start(int port, Path dataDir) {
        ensureSqliteNatives();
        int chosen = port == 0 ? freePort() : port;
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(chosen), "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            args.addAll(List.of("-dbPath", dataDir.toString(), "-sharedDb"));
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new EmbeddedDynamoDb(server, chosen);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + chosen, e);
        }
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    /**
     * sqlite4java loads its native library from a folder; the build copies it to
     * {@code target/native-libs} (the local run builds under {@code target/local}).
     */
    private static void ensureSqliteNatives() {
        if (System.getProperty("sqlite4java.library.path") != null) {
            return;
        }
        for (Path natives : List.of(Path.of("target", "local", "native-libs"), Path.of("target", "native-libs"))) {
            if (Files.isDirectory(natives)) {
                System.setProperty("sqlite4java.library.path", natives.toAbsolutePath().toString());
                return;
            }
        }
        throw new IllegalStateException("sqlite4java natives not found under target/: run the build (it copies them)"
                + " or set -Dsqlite4java.library.path");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
