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
import app.symmetry.testing.MotoServer;
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

    private static String keySecret;

    /** The bench's keys in a Secrets Manager secret on moto_server, made once. */
    static synchronized String keySecret() {
        if (keySecret == null) {
            keySecret = MotoServer.instance().createSecret("bench-token-keys", KEYS);
        }
        return keySecret;
    }

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

        // 2. the cold answer: ours (submitFeedback: token check, organisation, its first DynamoDB
        // write) against the floor (one PutItem through the same extension's client), interleaved
        // rounds; the full size adds ours without the Lambda runtimes' C1-only flag (the tiered
        // compilation lever)
        Path floor = MinimalFunction.build(logs, MinimalFunction.PUT);
        Launch oursFb = new Launch("ours-submitFeedback", java17, List.of(), app, "submitFeedback", Map.of());
        Launch floorPut = floor == null ? null : new Launch("floor-put", java17, List.of(), floor, null, Map.of());
        Launch oursTiered = Bench.full()
                ? new Launch("ours-submitFeedback-tiered", java17, List.of(), app, "submitFeedback", Map.of(), false)
                : null;
        if (floor == null) {
            figures.put(
                    "coldstart.submit_status",
                    "floor function did not build: see target/bench/logs/minimal-put-build.log");
        }
        List<Launch> submitOrder = new ArrayList<>();
        for (Launch launch : new Launch[] {floorPut, oursFb, oursTiered}) {
            if (launch != null) {
                submitOrder.add(launch);
            }
        }
        int submitRounds = Bench.full() ? 15 : 5;
        Map<String, List<Double>> submit = new LinkedHashMap<>();
        Map<String, List<Double>> submitInit = new LinkedHashMap<>();
        for (int r = 0; r < submitRounds; r++) {
            List<Launch> round = new ArrayList<>(submitOrder);
            if (r % 2 == 1) {
                Collections.reverse(round);
            }
            for (Launch launch : round) {
                Result result = launch.run(null, 0);
                submit.computeIfAbsent(launch.name, k -> new ArrayList<>()).add(result.coldMs);
                submitInit.computeIfAbsent(launch.name, k -> new ArrayList<>()).add(result.initMs);
            }
        }
        submit.forEach((name, ms) -> {
            figures.put("coldstart." + name + "_ms", Bench.round(median(ms), 0));
            figures.put(
                    "coldstart." + name + "_runs",
                    ms.stream().map(d -> Bench.round(d, 0)).toList());
        });
        submitInit.forEach((name, ms) -> {
            // where the cold answer's time goes: the init, then the first invocation (medians of each)
            figures.put("coldstart." + name + "_init_ms", Bench.round(median(ms), 0));
            List<Double> first = new ArrayList<>();
            for (int i = 0; i < ms.size(); i++) {
                first.add(submit.get(name).get(i) - ms.get(i));
            }
            figures.put("coldstart." + name + "_first_invocation_ms", Bench.round(median(first), 0));
        });
        figures.put("coldstart.submit_rounds", submitRounds);
        if (floorPut != null) {
            figures.put(
                    "coldstart_submit_ratio",
                    Bench.round(median(submit.get(oursFb.name)) / median(submit.get(floorPut.name)), 3));
            if (withDynamoDb != null && cold.containsKey("minimal-dynamodb")) {
                // what the floor's one write adds to the extension's start: the SDK's first request
                figures.put(
                        "coldstart.floor_over_extension_ms",
                        Bench.round(median(submit.get(floorPut.name)) - median(cold.get("minimal-dynamodb")), 0));
            }
        }
        if (oursTiered != null) {
            figures.put(
                    "lever.tiered_over_c1_ratio",
                    Bench.round(median(submit.get(oursTiered.name)) / median(submit.get(oursFb.name)), 3));
        }

        // what the first answer loads, ours against the floor (full size: two more starts): where a
        // cold answer's time goes is mostly class loading and linking on a C1-only JVM
        if (Bench.full() && floorPut != null) {
            Map<String, Map<String, Integer>> loaded = new LinkedHashMap<>();
            for (Launch launch : List.of(oursFb, floorPut)) {
                Path classLog = logs.resolve(launch.name + "-classes.txt");
                Files.deleteIfExists(classLog);
                new Launch(
                                launch.name + "-classlog",
                                java17,
                                List.of("-Xlog:class+load=info:file=" + classLog),
                                launch.jar,
                                launch.export,
                                Map.of())
                        .run(null, 0);
                loaded.put(launch.name, loadedByPackage(classLog));
            }
            Map<String, Integer> oursLoaded = loaded.get(oursFb.name);
            Map<String, Integer> floorLoaded = loaded.get(floorPut.name);
            figures.put("coldstart.classes.ours-submitFeedback", total(oursLoaded));
            figures.put("coldstart.classes.floor-put", total(floorLoaded));
            Map<String, Integer> more = new LinkedHashMap<>();
            oursLoaded.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - floorLoaded.getOrDefault(e.getKey(), 0)))
                    .filter(e -> e.getValue() != 0)
                    .sorted((a, b) -> Integer.compare(Math.abs(b.getValue()), Math.abs(a.getValue())))
                    .limit(15)
                    .forEach(e -> more.put(e.getKey(), e.getValue()));
            figures.put("coldstart.classes.ours_minus_floor_by_package", more);
        }

        // 3. warm answers at concurrency 1: ours and the floor both started, invoked in turn, so a
        // neighbour's burst on this shared machine hits both sides alike; then ours alone up to the
        // memory figure's count
        // the quick size keeps under three minutes: a check that the figures are in place, not the figures
        int many = Bench.full() ? 10_000 : 300;
        int warm = Bench.full() ? 2_000 : 150;
        int untimed = Bench.full() ? 100 : 30;
        try (Running oursRunning = oursFb.start(null);
                Running floorRunning = floorPut == null ? null : floorPut.start(null)) {
            double rssFirst = rssMb(oursRunning.process.pid());
            long[] oursLatency = new long[warm];
            long[] floorLatency = new long[floorRunning == null ? 0 : warm];
            // the first hundred of each (thirty in the quick size) are the JIT's: untimed
            for (int i = 0; i < untimed; i++) {
                oursRunning.invoke(null);
                if (floorRunning != null) {
                    floorRunning.invoke(null);
                }
            }
            long s = System.nanoTime();
            for (int i = 0; i < warm; i++) {
                oursLatency[i] = oursRunning.invoke(null);
                if (floorRunning != null) {
                    floorLatency[i] = floorRunning.invoke(null);
                }
            }
            double seconds = (System.nanoTime() - s) / 1e9;
            for (int i = warm + untimed; i < many; i++) {
                oursRunning.invoke(null);
            }
            figures.put("warm.invocations", warm);
            figures.put("warm.ours_p50_ms", Bench.round(Bench.percentileMs(oursLatency, 50), 2));
            figures.put("warm.ours_p99_ms", Bench.round(Bench.percentileMs(oursLatency, 99), 2));
            if (floorRunning != null) {
                figures.put("warm.floor_p50_ms", Bench.round(Bench.percentileMs(floorLatency, 50), 2));
                figures.put("warm.floor_p99_ms", Bench.round(Bench.percentileMs(floorLatency, 99), 2));
                figures.put(
                        "warm_submit_ratio",
                        Bench.round(Bench.percentileMs(oursLatency, 50) / Bench.percentileMs(floorLatency, 50), 3));
            }
            figures.put("rss_mb_first", Bench.round(rssFirst, 1));
            figures.put("rss_mb_10k", Bench.round(rssMb(oursRunning.process.pid()), 1));
            figures.put("rss.invocations", many);
            figures.put("rss.invocations_per_s", Bench.round(warm * 2 / seconds, 0));
            figures.put(
                    "rss.note",
                    many == 10_000 ? "after 10,000 invocations" : "quick size: after 300 invocations, not 10,000");
            Bench.log(
                    "warm, %d each in turn: ours p50 %.2f ms p99 %.2f ms, floor p50 %.2f ms p99 %.2f ms",
                    warm,
                    Bench.percentileMs(oursLatency, 50),
                    Bench.percentileMs(oursLatency, 99),
                    Bench.percentileMs(floorLatency, 50),
                    Bench.percentileMs(floorLatency, 99));
            oursRunning.stop();
            if (floorRunning != null) {
                floorRunning.stop();
            }
        }

        // 4. JDK 25 and its AOT cache (JEP 483/514), trained on submitFeedback invocations
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

    /** Classes loaded, by their first three package names, from an {@code -Xlog:class+load} file. */
    private static Map<String, Integer> loadedByPackage(Path classLog) throws IOException {
        Map<String, Integer> byPackage = new HashMap<>();
        if (!Files.exists(classLog)) {
            return byPackage;
        }
        for (String line : Files.readAllLines(classLog)) {
            int at = line.indexOf("] ", line.indexOf("[class,load]"));
            if (!line.contains("[class,load]") || at < 0) {
                continue;
            }
            String name = line.substring(at + 2).split(" ", 2)[0];
            String[] segments = name.split("\\.");
            String group = String.join(".", List.of(segments).subList(0, Math.min(3, segments.length - 1)));
            byPackage.merge(group, 1, Integer::sum);
        }
        return byPackage;
    }

    private static int total(Map<String, Integer> byPackage) {
        return byPackage.values().stream().mapToInt(Integer::intValue).sum();
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

    private record Result(
            double coldMs, double initMs, double rssFirstMb, double rssAfterMb, double perSecond, String log) {}

    /** One way of starting a packaged function. */
    private final class Launch {
        final String name;
        final String java;
        final List<String> jvm;
        final Path jar;
        final String export;
        final Map<String, String> env;
        /** The Lambda Java runtimes' {@code -XX:TieredStopAtLevel=1}; off for the tiered-compilation lever. */
        final boolean c1Only;

        Launch(String name, String java, List<String> jvm, Path jar, String export, Map<String, String> env) {
            this(name, java, jvm, jar, export, env, true);
        }

        Launch(
                String name,
                String java,
                List<String> jvm,
                Path jar,
                String export,
                Map<String, String> env,
                boolean c1Only) {
            this.name = name;
            this.java = java;
            this.jvm = jvm;
            this.jar = jar;
            this.export = export;
            this.env = env;
            this.c1Only = c1Only;
        }

        /**
         * Starts the process, times the first answer of {@code event} (a fresh answer when null),
         * then sends {@code more} events one after the other, and stops the process.
         */
        Result run(String event, int more) throws Exception {
            try (Running running = start(event)) {
                double rssFirst = rssMb(running.process.pid());
                long s = System.nanoTime();
                for (int i = 0; i < more; i++) {
                    running.invoke(event);
                }
                double perSecond = more == 0 ? Double.NaN : more / ((System.nanoTime() - s) / 1e9);
                double rssAfter = rssMb(running.process.pid());
                Bench.log(
                        "%s: first answer after %.0f ms (RSS %.0f MB)%s",
                        name,
                        running.coldMs,
                        rssFirst,
                        more == 0 ? "" : String.format(", %d more at %.0f/s (RSS %.0f MB)", more, perSecond, rssAfter));
                running.stop();
                return new Result(
                        running.coldMs,
                        running.initMs,
                        rssFirst,
                        rssAfter,
                        perSecond,
                        Files.readString(logs.resolve(name + ".log")));
            }
        }

        /** Starts the process and waits for its first answer (of {@code event}, or a fresh answer when null). */
        Running start(String event) throws Exception {
            LambdaRuntimeApi api = new LambdaRuntimeApi();
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(c1Only ? LAMBDA_JVM : LAMBDA_JVM.subList(0, 2));
            command.addAll(jvm);
            command.addAll(List.of(
                    PackagedFunction.nativeClientOption(),
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
            // as deployed: the functions that sign or check tokens read their keys from a secret
            environment.put("SYMMETRY_TOKEN_SECRET_ID", keySecret());
            environment.put(
                    "SYMMETRY_TOKEN_SECRETS_ENDPOINT", MotoServer.instance().endpoint());
            if (export != null) {
                environment.put("QUARKUS_FUNQY_EXPORT", export);
            }
            environment.putAll(env);

            var answer = api.invoke(event != null ? event : feedbackEvent());
            long start = System.nanoTime();
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                api.close();
                throw e;
            }
            Running running = new Running(this, api, process);
            try {
                LambdaRuntimeApi.Answer a = answer.get(120, TimeUnit.SECONDS);
                running.coldMs = (a.nanoTime() - start) / 1e6;
                // init (JVM, runtime client, Quarkus, the handler) against the first invocation itself
                running.initMs = api.initDoneNanoTime() == 0 ? Double.NaN : (api.initDoneNanoTime() - start) / 1e6;
                if (a.error()) {
                    throw new IllegalStateException(name + " answered an error: " + a.body());
                }
                return running;
            } catch (TimeoutException e) {
                running.close();
                throw new IllegalStateException(
                        name + " did not answer; init error: " + api.initError() + "; see "
                                + logs.resolve(name + ".log"),
                        e);
            } catch (RuntimeException e) {
                running.close();
                throw e;
            }
        }
    }

    /** A started function: one invocation at a time, as a Lambda instance serves them. */
    private final class Running implements AutoCloseable {
        final Launch launch;
        final LambdaRuntimeApi api;
        final Process process;
        double coldMs;
        double initMs;

        Running(Launch launch, LambdaRuntimeApi api, Process process) {
            this.launch = launch;
            this.api = api;
            this.process = process;
        }

        /** One invocation (a fresh answer when {@code event} is null); its latency in nanoseconds. */
        long invoke(String event) throws Exception {
            String body = event != null ? event : feedbackEvent();
            long s = System.nanoTime();
            LambdaRuntimeApi.Answer next = api.invoke(body).get(30, TimeUnit.SECONDS);
            if (next.error()) {
                throw new IllegalStateException(launch.name + " answered an error: " + next.body());
            }
            return next.nanoTime() - s;
        }

        void stop() throws InterruptedException {
            PackagedFunctionBench.stop(process);
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            api.close();
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
