package app.symmetry.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local run as users start it ({@code ./mvnw -Plocal quarkus:dev}), built once as a runnable jar
 * under {@code target/local}: the same {@code local} profile and build profile {@code dev}, so the
 * same classes, {@code %dev} settings and embedded DynamoDB Local, started with plain {@code java -jar}
 * in a few seconds instead of a Maven dev-mode start per restart.
 * <p>
 * Built by a nested Maven run the first time a test asks for it in this JVM, or when a source is newer
 * than the jar; {@code -Dsymmetry.local-run.jar=…} uses a jar built elsewhere.
 */
public final class LocalRunBuild {

    private static final Path BASEDIR = Path.of(System.getProperty("symmetry.basedir", "."))
            .toAbsolutePath()
            .normalize();
    private static final Path OUTPUT = BASEDIR.resolve("target/local");
    private static Path built;

    private LocalRunBuild() {}

    /** The runnable jar of the local run, built if missing or older than the sources. */
    public static synchronized Path jar() {
        String given = System.getProperty("symmetry.local-run.jar");
        if (given != null) {
            return Path.of(given);
        }
        if (built != null) {
            return built;
        }
        Optional<Path> existing = runnerJar();
        if (existing.isEmpty() || newestSource() > existing.get().toFile().lastModified()) {
            build();
            existing = runnerJar();
        }
        built = existing.orElseThrow(
                () -> new IllegalStateException("the local run's build made no *-runner.jar in " + OUTPUT));
        return built;
    }

    /** sqlite4java's natives, copied by the same build (DynamoDB Local loads SQLite through them). */
    public static Path nativeLibraries() {
        return jar().getParent().resolve("native-libs");
    }

    private static void build() {
        List<String> command = new ArrayList<>(maven());
        command.addAll(List.of("-B", "-q", "-Plocal", "-Dquarkus.profile=dev", "-DskipTests", "package"));
        Path log = BASEDIR.resolve("target/local-run-build.log");
        try {
            Files.createDirectories(log.getParent());
            Process maven = new ProcessBuilder(command)
                    .directory(BASEDIR.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!maven.waitFor(10, TimeUnit.MINUTES)) {
                maven.destroyForcibly();
                throw new IllegalStateException("building the local run took over 10 minutes; see " + log);
            }
            if (maven.exitValue() != 0) {
                throw new IllegalStateException(
                        "building the local run failed (" + String.join(" ", command) + "): " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Maven running this build (surefire passes maven.home), else the project's wrapper. */
    private static List<String> maven() {
        String home = System.getProperty("maven.home");
        if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return List.of(Path.of(home, "bin", "mvn").toString());
        }
        return List.of(BASEDIR.resolve("mvnw").toString());
    }

    private static Optional<Path> runnerJar() {
        if (!Files.isDirectory(OUTPUT)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(OUTPUT)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar"))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long newestSource() {
        long newest = BASEDIR.resolve("pom.xml").toFile().lastModified();
        for (String dir : List.of("src/main", "src/local", "src/web")) {
            Path root = BASEDIR.resolve(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                newest = Math.max(
                        newest,
                        files.filter(Files::isRegularFile)
                                .mapToLong(p -> p.toFile().lastModified())
                                .max()
                                .orElse(0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return newest;
    }
}
