package app.symmetry.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import app.symmetry.local.EmbeddedDynamoDb;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.testing.LambdaRuntimeApi;
import app.symmetry.testing.PackagedFunction;
import app.symmetry.token.Audience;
import app.symmetry.token.SigningKeys;
import app.symmetry.token.TokenClaims;
import app.symmetry.token.TokenCodec;

/**
 * The packaged function ({@code target/quarkus-app/quarkus-run.jar}, prod profile) started as a
 * Lambda custom runtime would start it, against {@link LambdaRuntimeApi} on 127.0.0.1 and an
 * embedded DynamoDB Local: cold start (process start to the first answer) against a minimal Funqy
 * function packaged the same way, the HTTP server question, the JDK 25 AOT cache, and resident
 * memory after the first and after many invocations.
 */
public class PackagedFunctionBench {

    static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
    /** As a 512 MB Lambda sizes its JVM, with the Lambda Java runtimes' serial GC and C1-only JIT. */
    static final List<String> LAMBDA_JVM = List.of("-XX:MaxRAM=512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /**
     * JVM-mode Quarkus has no Lambda poll loop (only native builds and dev/test have one): on Lambda
     * the Java runtime loads the handler class. The AWS Lambda runtime interface client does that
     * against {@code AWS_LAMBDA_RUNTIME_API}, as AWS's Java base images do.
     */
    static final String HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";

    static final String KEYS =
            "bench:" + Base64.getEncoder().encodeToString("bench-only-signing-key-0123456789abcdef".getBytes());

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final Path logs = Bench.dir().resolve("logs");
    private EmbeddedDynamoDb dynamo;
    private TokenCodec codec;

    @Test
    void run() throws Exception {
        Files.createDirectories(logs);
        Path app = packaged(Bench.basedir().resolve("target"));
        if (app == null) {
            figures.put(
                    "coldstart.status", "not available: no packaged function under target/ (run the package phase)");
            Bench.writePart("3-packaged", figures);
            return;
        }
        dynamo = EmbeddedDynamoDb.start(0, null);
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create(dynamo.endpoint()))
                .region(Region.EU_WEST_3)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .build()) {
            new SymmetryTable("symmetry").createIfMissing(client);
        }
        codec = new TokenCodec(new SigningKeys(Optional.of(KEYS), Optional.empty()));
        try {
            measure(app);
        } catch (Exception | AssertionError failure) {
            // figures, not assertions: what was measured is kept, and the failure is reported
            figures.put("packaged.error", String.valueOf(failure));
            Bench.log("packaged function: %s", failure);
            failure.printStackTrace(System.out);
        } finally {
            dynamo.close();
            Bench.writePart("3-packaged", figures);
        }
    }

    private void measure(Path app) throws Exception {
        Path minimal = MinimalFunction.build(logs, MinimalFunction.PLAIN);
        // full size only: the quick run stays under three minutes on a fresh clone
        Path withDynamoDb = Bench.full() ? MinimalFunction.build(logs, MinimalFunction.WITH_DYNAMODB) : null;
        // C1-only JVM starts on a shared 2-core machine vary by 10-50 %: medians of many interleaved rounds
        int rounds = Bench.full() ? 21 : 5;
        String java17 = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        // 1. cold start: ours (listUnits, as packaged) against the minimal function, interleaved rounds;
        // the minimal function with the amazon-dynamodb extension between them, to tell the two costs apart
        Map<String, List<Double>> cold = new LinkedHashMap<>();
        Launch ours = new Launch("ours-listUnits", java17, List.of(), app, "listUnits", Map.of());
        Launch mini = minimal == null ? null : new Launch("minimal", java17, List.of(), minimal, null, Map.of());
        Launch extension = withDynamoDb == null
                ? null
                : new Launch("minimal-dynamodb", java17, List.of(), withDynamoDb, null, Map.of());
        if (minimal == null) {
            figures.put("coldstart.status", "minimal function did not build: see target/bench/logs/minimal-build.log");
        }
        List<Launch> order = new ArrayList<>();
        for (Launch launch : new Launch[] {mini, extension, ours}) {
            if (launch != null) {
                order.add(launch);
            }
        }
        boolean listening = false;
        for (int r = 0; r < rounds; r++) {
            // the order reverses every other round, so no side always starts after the same one
            List<Launch> round = new ArrayList<>(order);
            if (r % 2 == 1) {
                Collections.reverse(round);
            }
            for (Launch launch : round) {
                Result result = launch.run("{}", 0);
                cold.computeIfAbsent(launch.name, k -> new ArrayList<>()).add(result.coldMs);
                // the packaged function carries no HTTP server: nothing may listen on Lambda
                if (launch == ours && result.log.contains("Listening on: http")) {
                    listening = true;
                }
            }
        }
        figures.put("coldstart.http_server_in_prod", listening);
        cold.forEach((name, ms) -> {
            figures.put(
                    "coldstart." + name + "_ms",
                    Bench.round(Bench.median(ms.stream().mapToDouble(d -> d).toArray()), 0));
            figures.put(
                    "coldstart." + name + "_runs",
                    ms.stream().map(d -> Bench.round(d, 0)).toList());
        });
        double oursMs = median(cold.get(ours.name));
        figures.put("coldstart_ms", Bench.round(oursMs, 0));
        if (mini != null) {
            figures.put("coldstart_ratio", Bench.round(oursMs / median(cold.get(mini.name)), 3));
        }
        if (mini != null && extension != null) {
            double extensionMs = median(cold.get(extension.name));
            figures.put("coldstart.extension_ratio", Bench.round(extensionMs / median(cold.get(mini.name)), 3));
            figures.put("coldstart.ours_over_extension_ratio", Bench.round(oursMs / extensionMs, 3));
        }

        // 2. the answer function: cold start with its first DynamoDB write, then memory
        int many = Bench.full() ? 10_000 : 500;
        Launch feedback = new Launch("ours-submitFeedback", java17, List.of(), app, "submitFeedback", Map.of());
        Result fb = feedback.run(null, many);
        figures.put("coldstart.ours-submitFeedback_ms", Bench.round(fb.coldMs, 0));
        figures.put("rss_mb_first", Bench.round(fb.rssFirstMb, 1));
        figures.put("rss_mb_10k", Bench.round(fb.rssAfterMb, 1));
        figures.put("rss.invocations", many);
        figures.put("rss.invocations_per_s", Bench.round(fb.perSecond, 0));
        figures.put(
                "rss.note",
                many == 10_000 ? "after 10,000 invocations" : "quick size: after 500 invocations, not 10,000");

        // 3. JDK 25 and its AOT cache (JEP 483/514), trained on submitFeedback invocations
        if (!Bench.full()) {
            // a training run and four more starts: the quick size stays under three minutes
            figures.put("aot.status", "full size only");
        } else if (Files.isExecutable(Path.of(JDK25))) {
            aot(app);
        } else {
            figures.put("aot.status", "no JDK 25 at " + JDK25);
        }
    }

    private void aot(Path app) throws Exception {
        Path cache = Bench.dir().resolve("app.aot");
        Files.deleteIfExists(cache);
        Launch training = new Launch(
                "jdk25-aot-training", JDK25, List.of("-XX:AOTCacheOutput=" + cache), app, "submitFeedback", Map.of());
        Result trained = training.run(null, 300);
        figures.put("aot.training_cold_ms", Bench.round(trained.coldMs, 0));
        if (!Files.exists(cache)) {
            figures.put("aot.status", "the training run wrote no cache: see target/bench/logs/jdk25-aot-training.log");
            return;
        }
        figures.put("aot.cache_mb", Bench.round(Files.size(cache) / 1e6, 1));
        int rounds = 5;
        Launch plainFb = new Launch("jdk25-submitFeedback", JDK25, List.of(), app, "submitFeedback", Map.of());
        Launch cachedFb = new Launch(
                "jdk25-aot-submitFeedback", JDK25, List.of("-XX:AOTCache=" + cache), app, "submitFeedback", Map.of());
        Map<String, List<Double>> cold = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (Launch launch : List.of(plainFb, cachedFb)) {
                cold.computeIfAbsent(launch.name, k -> new ArrayList<>()).add(launch.run(null, 0).coldMs);
            }
        }
        cold.forEach((name, ms) -> figures.put("aot." + name + "_ms", Bench.round(median(ms), 0)));
        figures.put(
                "aot.saving_submitFeedback_ms",
                Bench.round(median(cold.get(plainFb.name)) - median(cold.get(cachedFb.name)), 0));
        figures.put("aot.status", "measured");
    }

    /**
     * The packaged function: {@code quarkus-app/quarkus-run.jar} (fast-jar), or the
     * {@code *-runner.jar} with its {@code lib/} (legacy-jar, what the Lambda extension packages
     * into function.zip).
     */
    static Path packaged(Path target) throws IOException {
        Path fast = target.resolve("quarkus-app/quarkus-run.jar");
        if (Files.exists(fast)) {
            return fast;
        }
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar"))
                    .findFirst()
                    .orElse(null);
        }
    }

    private static double median(List<Double> values) {
        return Bench.median(values.stream().mapToDouble(d -> d).toArray());
    }

    private record Result(double coldMs, double rssFirstMb, double rssAfterMb, double perSecond, String log) {}

    /** One way of starting a packaged function. */
    private final class Launch {
        final String name;
        final String java;
        final List<String> jvm;
        final Path jar;
        final String export;
        final Map<String, String> env;

        Launch(String name, String java, List<String> jvm, Path jar, String export, Map<String, String> env) {
            this.name = name;
            this.java = java;
            this.jvm = jvm;
            this.jar = jar;
            this.export = export;
            this.env = env;
        }

        /**
         * Starts the process, times the first answer of {@code event} (a fresh answer when null),
         * then sends {@code more} events one after the other, and stops the process.
         */
        Result run(String event, int more) throws Exception {
            try (LambdaRuntimeApi api = new LambdaRuntimeApi()) {
                List<String> command = new ArrayList<>();
                command.add(java);
                command.addAll(LAMBDA_JVM);
                command.addAll(jvm);
                command.addAll(List.of(
                        "-cp",
                        jar + File.pathSeparator + PackagedFunction.runtimeClient(),
                        PackagedFunction.RIC_MAIN,
                        HANDLER));
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(jar.getParent().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(logs.resolve(name + ".log").toFile());
                Map<String, String> environment = builder.environment();
                environment
                        .keySet()
                        .removeIf(k -> k.startsWith("QUARKUS_")
                                || k.startsWith("AWS_")
                                || k.startsWith("SYMMETRY_")
                                || k.equals("JAVA_TOOL_OPTIONS")
                                || k.equals("JDK_JAVA_OPTIONS"));
                environment.put("AWS_LAMBDA_RUNTIME_API", api.address());
                environment.put("AWS_LAMBDA_FUNCTION_NAME", "bench");
                environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
                environment.put("AWS_REGION", "eu-west-3");
                environment.put("AWS_ACCESS_KEY_ID", "bench");
                environment.put("AWS_SECRET_ACCESS_KEY", "bench");
                environment.put("QUARKUS_HTTP_PORT", "0");
                environment.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamo.endpoint());
                environment.put("SYMMETRY_TOKEN_KEYS", KEYS);
                if (export != null) {
                    environment.put("QUARKUS_FUNQY_EXPORT", export);
                }
                environment.putAll(env);

                String first = event != null ? event : feedbackEvent();
                var answer = api.invoke(first);
                long start = System.nanoTime();
                Process process = builder.start();
                try {
                    LambdaRuntimeApi.Answer a = answer.get(120, TimeUnit.SECONDS);
                    double coldMs = (a.nanoTime() - start) / 1e6;
                    if (a.error()) {
                        throw new IllegalStateException(name + " answered an error: " + a.body());
                    }
                    double rssFirst = rssMb(process.pid());
                    long s = System.nanoTime();
                    for (int i = 0; i < more; i++) {
                        LambdaRuntimeApi.Answer next = api.invoke(event != null ? event : feedbackEvent())
                                .get(30, TimeUnit.SECONDS);
                        if (next.error()) {
                            throw new IllegalStateException(name + " answered an error: " + next.body());
                        }
                    }
                    double perSecond = more == 0 ? Double.NaN : more / ((System.nanoTime() - s) / 1e9);
                    double rssAfter = rssMb(process.pid());
                    Bench.log(
                            "%s: first answer after %.0f ms (RSS %.0f MB)%s",
                            name,
                            coldMs,
                            rssFirst,
                            more == 0
                                    ? ""
                                    : String.format(", %d more at %.0f/s (RSS %.0f MB)", more, perSecond, rssAfter));
                    stop(process);
                    return new Result(
                            coldMs, rssFirst, rssAfter, perSecond, Files.readString(logs.resolve(name + ".log")));
                } catch (TimeoutException e) {
                    throw new IllegalStateException(
                            name + " did not answer; init error: " + api.initError() + "; see "
                                    + logs.resolve(name + ".log"),
                            e);
                } finally {
                    if (process.isAlive()) {
                        process.destroyForcibly();
                    }
                }
            }
        }
    }

    /** SIGTERM, as Lambda ends an environment; the JVM's exit also writes an AOT cache when training. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String feedbackEvent() {
        String token =
                codec.encode(new TokenClaims(false, Audience.CUSTOMER, "paris-opera", "bench-code", Optional.empty()));
        String ip = "10.1." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
        return "{\"body\":{\"submissionId\":\"" + UUID.randomUUID() + "\",\"token\":\"" + token
                + "\",\"language\":\"fr\",\"recommend\":9,\"ratings\":{\"listening\":5,\"ownership\":4,\"information\":4,"
                + "\"recognition\":5,\"cooperation\":3},\"comment\":\"Très bon accueil.\",\"website\":\"\"},"
                + "\"origin\":{\"sourceIp\":\"" + ip + "\",\"userAgent\":\"Mozilla/5.0 (bench phone)\"}}";
    }

    static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    static Map<String, String> copy(Map<String, String> m) {
        return new HashMap<>(m);
    }
}
