package app.symmetry.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.dynamodb.services.local.main.CommandLineInput;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.monitoring.Telemetry;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local running inside this JVM: the real storage engine for tests and the local run, with
 * no Docker and no network. In memory for tests; on disk for the local run, so data outlives it.
 * <p>
 * Started as {@code ServerRunner} would start it, with two differences: a transaction
 * ({@code TransactWriteItems}, {@code ExecuteTransaction}) is acknowledged only once it is committed
 * to SQLite (see {@link AcknowledgeCommittedTransactions}, and docs/local-run.md); and it listens on
 * the loopback address only. {@code ServerRunner}'s {@code DynamoDBProxyServer} takes a port and no
 * host, so its Jetty listens on every interface: anyone on the shop's Wi-Fi could then read and write
 * the whole table (every answer, every key hash) with any credentials, since DynamoDB Local checks none.
 * The local run's HTTP server listens on the LAN for phones; its database must not.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    /** The only address DynamoDB Local listens on. */
    public static final InetAddress BIND_ADDRESS = InetAddress.getLoopbackAddress();

    private final Server server;
    private final LocalDynamoDBServerHandler handler;
    private final int port;

    private EmbeddedDynamoDb(Server server, LocalDynamoDBServerHandler handler, int port) {
        this.server = server;
        this.handler = handler;
        this.port = port;
    }

    /**
     * @param port    the loopback port, or 0 for any free one ({@link #port()} says which)
     * @param dataDir where to keep the data, or {@code null} to keep it in memory
     */
    public static EmbeddedDynamoDb start(int port, Path dataDir) {
        ensureSqliteNatives();
        // the CLI only validates its -port (1-65535); the connector below binds the real one, 0 for any free port
        List<String> args =
                new ArrayList<>(List.of("-port", Integer.toString(port == 0 ? 8000 : port), "-disableTelemetry"));
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
            CommandLineInput cli = new CommandLineInput(args.toArray(String[]::new));
            if (!cli.init()) {
                throw new IllegalArgumentException("DynamoDB Local refused its arguments " + args);
            }
            // what ServerRunner.createServer does before it builds the server; telemetry is off (-disableTelemetry)
            Telemetry.configureTelemetry("MAVEN", ServerRunner.getSetupMode(cli), false);
            LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(
                    new AcknowledgeCommittedTransactions(
                            cli.isInMemory(), cli.getDbPath(), cli.getSharedDb(), cli.shouldDelayTransientStatuses()),
                    cli.getCorsParams());
            // DynamoDBProxyServer's server, with a connector bound to the loopback instead of every interface
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost(BIND_ADDRESS.getHostAddress());
            connector.setPort(port);
            server.addConnector(connector);
            ContextHandler context = new ContextHandler();
            context.setHandler(handler);
            server.setHandler(new ContextHandlerCollection(context));
            try {
                server.start();
            } catch (Exception e) {
                server.stop();
                handler.close();
                throw e;
            }
            return new EmbeddedDynamoDb(server, handler, connector.getLocalPort());
        } catch (Exception e) {
            throw new IllegalStateException(
                    "DynamoDB Local did not start on " + BIND_ADDRESS.getHostAddress() + ":" + port, e);
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
            handler.close();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    /**
     * DynamoDB Local 3.1.0 answers a transaction before committing it. Its
     * {@code SQLiteDBAccess.commitTransaction} puts the {@code COMMIT} on sqlite4java's job queue
     * ({@code SQLiteQueue.execute}) without waiting for it, releases its lock and returns; the
     * {@code TransactWriteItemsResponse} goes out while that {@code COMMIT} still waits for the queue's
     * thread or is writing the database file. A process killed then loses an acknowledged transaction:
     * SQLite rolls the unfinished one back (from its hot journal) at the next open. Every other write
     * ({@code PutItem}, {@code UpdateItem}, …) waits for its job, so only transactions need this.
     * <p>
     * The queue is one thread that runs its jobs in order, so any job put on it after the
     * {@code COMMIT} finishes after it: {@code ListTables} (limit 1) is such a job, small and harmless,
     * run on the same {@code LocalDBAccess} (same access key and region, or the shared database).
     * Waiting for it before answering makes the acknowledgement mean "committed". A committed SQLite
     * transaction (rollback journal, synchronous=FULL, DynamoDB Local's defaults: it sets no PRAGMA) is
     * in the database file, in the operating system's hands: a SIGKILL of this JVM cannot undo it.
     */
    static final class AcknowledgeCommittedTransactions extends LocalDynamoDBRequestHandler {

        AcknowledgeCommittedTransactions(
                boolean inMemory, String dbPath, boolean sharedDb, boolean delayTransientStatuses) {
            super(0, inMemory, dbPath, sharedDb, delayTransientStatuses);
        }

        @Override
        public TransactWriteItemsResponse transactWriteItems(
                String accessKey, String region, TransactWriteItemsRequest request) {
            TransactWriteItemsResponse response = super.transactWriteItems(accessKey, region, request);
            awaitCommit(accessKey, region);
            return response;
        }

        @Override
        public ExecuteTransactionResponse executeTransaction(
                String accessKey, String region, ExecuteTransactionRequest request) {
            ExecuteTransactionResponse response = super.executeTransaction(accessKey, region, request);
            awaitCommit(accessKey, region);
            return response;
        }

        private void awaitCommit(String accessKey, String region) {
            listTables(accessKey, region, ListTablesRequest.builder().limit(1).build());
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
                System.setProperty(
                        "sqlite4java.library.path", natives.toAbsolutePath().toString());
                return;
            }
        }
        throw new IllegalStateException("sqlite4java natives not found under target/: run the build (it copies them)"
                + " or set -Dsqlite4java.library.path");
    }
}
