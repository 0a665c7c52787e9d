package app.symmetry.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SES emulator of the local run and the tests: the npm package {@code aws-ses-v2-local} (the SES
 * v1 and v2 APIs, a mailbox viewer at its root, and {@code GET /store} with every e-mail it took), run
 * by Node. Installed into {@code <dir>/node_modules} with npm when missing, the way CfnGuardTest gets
 * cfn-guard; Node and npm are needed by the build anyway.
 */
public final class SesEmulatorProcess implements AutoCloseable {

    public static final String PACKAGE = "aws-ses-v2-local";
    public static final String VERSION = "2.10.2";
    /** Where the build keeps it, under the project's directory. */
    public static final Path DEFAULT_INSTALL = Path.of("target", "ses-emulator");

    private static final Pattern RUNNING = Pattern.compile("server running at (http://\\S+?):(\\d+)");

    private final Process process;
    private final int port;

    private SesEmulatorProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the emulator on 127.0.0.1, installing it first if needed.
     *
     * @param port the port, or 0 for any free one (the emulator says which it took)
     */
    public static SesEmulatorProcess start(Path installDir, int port) {
        Path cli = install(installDir);
        List<String> command = new ArrayList<>(
                List.of("node", cli.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port)));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the SES emulator (is Node.js installed?)", e);
        }
        CompletableFuture<Integer> started = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            if (!started.isDone()) {
                                output.append(line).append('\n');
                                Matcher m = RUNNING.matcher(line);
                                if (m.find()) {
                                    started.complete(Integer.parseInt(m.group(2)));
                                }
                            }
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                    started.completeExceptionally(new IllegalStateException("the SES emulator stopped:\n" + output));
                },
                "ses-emulator-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new SesEmulatorProcess(process, started.get(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the SES emulator", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the SES emulator did not start: " + output, e);
        }
    }

    /** The emulator's command-line entry point, installed with npm if it is not there yet. */
    public static Path install(Path installDir) {
        Path packageDir = installDir.resolve("node_modules").resolve(PACKAGE);
        Path cli = packageDir.resolve("dist").resolve("cli.js");
        if (Files.isRegularFile(cli)) {
            return cli;
        }
        List<String> command = List.of(
                "npm",
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                installDir.toAbsolutePath().toString(),
                PACKAGE + "@" + VERSION);
        try {
            Files.createDirectories(installDir);
            Process npm = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = npm.getInputStream().readAllBytes();
            if (!npm.waitFor(600, TimeUnit.SECONDS)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm install " + PACKAGE + " timed out");
            }
            if (npm.exitValue() != 0 || !Files.isRegularFile(cli)) {
                throw new IllegalStateException(
                        "npm install " + PACKAGE + " failed:\n" + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run npm to install " + PACKAGE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing " + PACKAGE, e);
        }
        return cli;
    }

    public int port() {
        return port;
    }

    /** The SES API's endpoint, and the mailbox viewer's page. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public boolean running() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
