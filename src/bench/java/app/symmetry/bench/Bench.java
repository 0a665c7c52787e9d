package app.symmetry.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What the benchmark classes share: the size flag, where figures go, and small statistics.
 * <p>
 * Each benchmark class runs in its own application (Quarkus restarts between test profiles, with
 * its own class loader), so figures pass between them as files under {@code target/bench/parts/},
 * which {@link Results} merges into one table and {@code target/bench/results.json}.
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Bench() {}

    /** The full size, or the full size and a 10,000-unit organisation ({@code -Dbench.size=xl}). */
    public static boolean full() {
        return "full".equalsIgnoreCase(System.getProperty("bench.size", "quick")) || xl();
    }

    public static boolean xl() {
        return "xl".equalsIgnoreCase(System.getProperty("bench.size", "quick"));
    }

    public static String size() {
        return xl() ? "xl" : full() ? "full" : "quick";
    }

    public static Path basedir() {
        return Path.of(System.getProperty("bench.basedir", ".")).toAbsolutePath();
    }

    public static Path dir() {
        Path dir = basedir().resolve("target/bench");
        try {
            Files.createDirectories(dir.resolve("parts"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** This benchmark run: the JVM all benchmark classes share (one surefire fork). */
    static final String RUN = Long.toString(ManagementFactory.getRuntimeMXBean().getStartTime());

    /** Records one part's figures (keys are flat, e.g. {@code ingest.c1.ours.per_s}), then reports if it was the last. */
    public static void writePart(String name, Map<String, Object> figures) {
        Map<String, Object> part = new TreeMap<>(figures);
        part.put("run", RUN);
        try {
            JSON.writeValue(dir().resolve("parts").resolve(name + ".json").toFile(), part);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Results.reportIfComplete();
    }

    /** Whether this run wrote that part. */
    static boolean hasPart(String name) {
        Path file = dir().resolve("parts").resolve(name + ".json");
        try {
            return Files.exists(file)
                    && RUN.equals(String.valueOf(
                            JSON.readValue(file.toFile(), Map.class).get("run")));
        } catch (IOException e) {
            return false;
        }
    }

    public static Map<String, Object> readParts() {
        Map<String, Object> all = new LinkedHashMap<>();
        try (var files = Files.list(dir().resolve("parts"))) {
            for (Path p : files.sorted().toList()) {
                Map<String, Object> part = JSON.readValue(p.toFile(), new TypeReference<Map<String, Object>>() {});
                if (RUN.equals(String.valueOf(part.remove("run")))) {
                    all.putAll(part);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    public static void writeJson(Path file, Object value) {
        try {
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Percentile (nearest rank) of latencies in nanoseconds, in milliseconds. */
    public static double percentileMs(long[] nanos, double p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    public static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double f = Math.pow(10, decimals);
        return Math.round(value * f) / f;
    }

    public static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
        System.out.flush();
    }
}
