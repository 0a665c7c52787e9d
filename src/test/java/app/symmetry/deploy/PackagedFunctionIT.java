package app.symmetry.deploy;

import static app.symmetry.deploy.Deployment.at;
import static app.symmetry.deploy.Deployment.list;
import static app.symmetry.deploy.Deployment.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

/**
 * target/function.zip started exactly as template.yaml says, the way Lambda starts it: the zip
 * extracted as Lambda extracts it to its task root, each function's handler, runtime, memory and
 * environment read from the template (Globals under the function's own properties, intrinsics
 * evaluated with the parameters' defaults), and for a JVM runtime AWS's runtime interface client
 * (what the managed Java runtimes run) loading that handler string from the task root and its lib/,
 * on the JDK of that runtime, against {@link LambdaRuntimeApi}. A native zip's {@code bootstrap} is
 * run as the provided runtime runs it.
 * <p>
 * What a deployed stack would supply is stood in for, and nothing else: the table (DynamoDB Local,
 * reached through {@code QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE}, the one variable the template does not
 * set), the secret a dynamic reference names, the distribution's domain, {@code /var/task} (the
 * extracted zip), and the variables Lambda itself sets.
 */
class PackagedFunctionIT {

    static final String TASK_ROOT = "/var/task";
    static final String DISTRIBUTION_DOMAIN = "d111111abcdef8.cloudfront.net";
    static final Pattern SECRET_REFERENCE = Pattern.compile("\\{\\{resolve:secretsmanager:([^:}]+):SecretString}}");
    static final ObjectMapper JSON = new ObjectMapper();

    static Path zip;
    static Path task;
    static boolean nativeZip;
    static EmbeddedDynamoDb dynamo;
    static DynamoDbClient client;
    static String tableName = "symmetry-it-" + UUID.randomUUID().toString().substring(0, 8);
    /** Secrets Manager, as far as CloudFormation's dynamic references read it: the template's secret names. */
    static Map<String, String> secrets = new LinkedHashMap<>();

    static Path logs = Deployment.ROOT.resolve("target/packaged-function");

    final Map<String, Object> template = Deployment.template();

    @BeforeAll
    static void extractAndStartTheTable() throws IOException {
        zip = Deployment.ROOT.resolve("target/function.zip");
        Assumptions.assumeTrue(
                Files.exists(zip) || Boolean.getBoolean("symmetry.function-zip.required"),
                "target/function.zip not built yet: run ./mvnw verify");
        assertThat(zip).as("./mvnw package makes target/function.zip").exists();
        task = logs.resolve("task");
        deleteTree(task);
        Files.createDirectories(task);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                Path to = task.resolve(entry.getName()).normalize();
                assertThat(to.startsWith(task))
                        .as("zip entry inside the task root: " + entry.getName())
                        .isTrue();
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, to);
                    }
                }
            }
        }
        nativeZip = Files.exists(task.resolve("bootstrap"));
        task.resolve("bootstrap").toFile().setExecutable(true);
        dynamo = EmbeddedDynamoDb.start(0, null);
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create(dynamo.endpoint()))
                .region(Region.EU_WEST_3)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("it", "it")))
                .build();
        new SymmetryTable(tableName).createIfMissing(client);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String tokenKeys = "it:" + Base64.getEncoder().encodeToString(key);
        Object secretName = at(Deployment.template(), "Parameters", "TokenKeysSecretName", "Default");
        secrets.put(String.valueOf(secretName), tokenKeys);
        // the functions that sign or check tokens read the secret at run time: moto_server stands in for
        // Secrets Manager, holding it under the template's default name
        MotoServer.instance().putSecret(String.valueOf(secretName), tokenKeys);
    }

    @AfterAll
    static void stopTheTable() {
        if (client != null) {
            client.close();
        }
        if (dynamo != null) {
            dynamo.close();
        }
    }

    /** The runtimes this zip is for: the native one, or every JVM runtime the template allows. */
    private List<String> runtimes() {
        List<String> runtimes = new ArrayList<>();
        for (Object r : list(template, "Parameters", "Runtime", "AllowedValues")) {
            String runtime = String.valueOf(r);
            if (nativeZip == runtime.startsWith("provided")) {
                runtimes.add(runtime);
            }
        }
        assertThat(runtimes).as("the template has a runtime for this zip").isNotEmpty();
        return runtimes;
    }

    @Test
    void eachFunctionStartsFromTheZipAsTheTemplateSaysAndAnswers() throws Exception {
        List<String> ran = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (String runtime : runtimes()) {
            Optional<String> launcher = launcher(runtime);
            if (launcher.isEmpty()) {
                unavailable.add(runtime);
                continue;
            }
            Intrinsics cfn = intrinsics(runtime);
            Map<String, Map<String, Object>> configs = SamExpansion.configurations(template);
            Map<String, String> exports = Deployment.exports(template);

            // listUnits: no table; serves the organisation the build packed into the zip
            String listUnits = functionExporting(exports, "listUnits");
            JsonNode units =
                    JSON.readTree(invoke(runtime, launcher.get(), listUnits, configs.get(listUnits), cfn, "{}"));
            Set<String> listed = new TreeSet<>();
            units.path("items").forEach(u -> listed.add(u.path("id").asText()));
            assertThat(listed)
                    .as("listUnits lists the packed organisation's units")
                    .isEqualTo(packedUnitIds());
            String unitId = listed.iterator().next();

            // issueUnitCode: signs with the secret the template names, prints links on the origin it is given
            String issue = functionExporting(exports, "issueUnitCode");
            Map<String, Object> issueConfig = configs.get(issue);
            JsonNode code = JSON.readTree(invoke(
                    runtime,
                    launcher.get(),
                    issue,
                    issueConfig,
                    cfn,
                    JSON.writeValueAsString(Map.of("unitId", unitId, "kind", "customer"))));
            Object publicUrl = cfn.value(at(issueConfig, "Environment", "Variables", "SYMMETRY_PUBLIC_URL"));
            assertThat(publicUrl)
                    .as("the function that prints links is told the public origin")
                    .isNotNull();
            assertThat(code.path("url").asText()).startsWith(publicUrl + "/form/");

            // submitFeedback: the gateway's envelope in, one answer written to the table the template names
            String submit = functionExporting(exports, "submitFeedback");
            long before = answersStored();
            String event = JSON.writeValueAsString(Map.of(
                    "body",
                    feedback(code.path("token").asText()),
                    "origin",
                    Map.of("sourceIp", "203.0.113.7", "userAgent", "Mozilla/5.0 (PackagedFunctionIT)")));
            JsonNode receipt = JSON.readTree(invoke(runtime, launcher.get(), submit, configs.get(submit), cfn, event));
            assertThat(receipt.isObject()).as(receipt.toString()).isTrue();
            assertThat(answersStored()).as("the answer is in the table").isEqualTo(before + 1);

            // a refusal, as this runtime reports the function error, selects the contract's status at the gateway
            Map<String, Object> tooHigh =
                    new LinkedHashMap<>(feedback(code.path("token").asText()));
            tooHigh.put("recommend", 11);
            String error = invoke(
                    runtime,
                    launcher.get(),
                    submit,
                    configs.get(submit),
                    cfn,
                    JSON.writeValueAsString(
                            Map.of("body", tooHigh, "origin", Map.of("sourceIp", "203.0.113.7", "userAgent", "x"))),
                    true);
            GatewayEmulation.Response refused = GatewayEmulation.methodResponse(
                    map(
                            Deployment.openApi(),
                            "paths",
                            "/submitFeedback",
                            "post",
                            "x-amazon-apigateway-integration",
                            "responses"),
                    GatewayEmulation.Invocation.error(error));
            assertThat(refused.status()).as(runtime + " reported " + error).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("error").path("code").asText())
                    .isEqualTo("invalid_field");
            assertThat(answersStored()).as("nothing written for a refusal").isEqualTo(before + 1);
            ran.add(runtime);
        }
        if (ran.isEmpty()) {
            String why = "no JDK installed for the template's runtimes " + unavailable + " (looked under /usr/lib/jvm)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        if (!unavailable.isEmpty()) {
            System.err.println("WARNING: PackagedFunctionIT ran " + ran + " only; no JDK here for " + unavailable);
        }
    }

    /** Starts one function, sends one event, returns its answer (an init or function error fails the test). */
    private String invoke(
            String runtime, String launcher, String function, Map<String, Object> config, Intrinsics cfn, String event)
            throws Exception {
        return invoke(runtime, launcher, function, config, cfn, event, false);
    }

    /** As above; with {@code functionError}, the function must answer with a function error, whose object is returned. */
    private String invoke(
            String runtime,
            String launcher,
            String function,
            Map<String, Object> config,
            Intrinsics cfn,
            String event,
            boolean functionError)
            throws Exception {
        assertThat(cfn.value(config.get("Runtime"))).as(function + "'s runtime").isEqualTo(runtime);
        String handler = (String) cfn.value(config.get("Handler"));
        Map<String, String> environment = new LinkedHashMap<>();
        map(cfn.value(at(config, "Environment", "Variables")))
                .forEach((k, v) -> environment.put(k, resolveSecrets(String.valueOf(v))));
        environment.replaceAll((k, v) -> v.startsWith(TASK_ROOT + "/") ? task + v.substring(TASK_ROOT.length()) : v);
        String memory = String.valueOf(cfn.value(config.get("MemorySize")));
        String logFormat = String.valueOf(cfn.value(at(config, "LoggingConfig", "LogFormat")));

        try (LambdaRuntimeApi api = new LambdaRuntimeApi()) {
            List<String> command = new ArrayList<>();
            if (nativeZip) {
                command.add(task.resolve("bootstrap").toString());
            } else {
                // the managed Java runtime's class path: its own client first, then the task root and its lib/
                command.addAll(List.of(
                        launcher,
                        "-XX:MaxRAM=" + memory + "m",
                        PackagedFunction.nativeClientOption(),
                        "-cp",
                        PackagedFunction.runtimeClient() + File.pathSeparator + task + File.pathSeparator
                                + task.resolve("lib") + File.separator + "*",
                        PackagedFunction.RIC_MAIN,
                        handler));
            }
            Path log = logs.resolve(runtime + "-" + function + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(task.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            String path = env.get("PATH");
            env.clear();
            env.put("PATH", path);
            env.put("LANG", "en_US.UTF-8");
            env.put("TZ", ":UTC");
            // what Lambda sets for every function
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            env.put("_HANDLER", handler);
            env.put("LAMBDA_TASK_ROOT", task.toString());
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + runtime);
            env.put(
                    "AWS_LAMBDA_FUNCTION_NAME",
                    String.valueOf(
                            cfn.value(at(Deployment.resources(template).get(function), "Properties", "FunctionName"))));
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", memory);
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
            env.put("AWS_LAMBDA_LOG_FORMAT", logFormat);
            env.put("AWS_REGION", cfn.parameters().get("AWS::Region"));
            env.put("AWS_DEFAULT_REGION", cfn.parameters().get("AWS::Region"));
            env.put("AWS_ACCESS_KEY_ID", "it");
            env.put("AWS_SECRET_ACCESS_KEY", "it");
            env.put("AWS_SESSION_TOKEN", "it");
            env.putAll(environment);
            // the stand-in for the table's endpoint: the only variable the template does not set
            env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamo.endpoint());
            // and Secrets Manager's
            env.put("SYMMETRY_TOKEN_SECRETS_ENDPOINT", MotoServer.instance().endpoint());

            CompletableFuture<LambdaRuntimeApi.Answer> answer = api.invoke(event);
            Process process = builder.start();
            try {
                LambdaRuntimeApi.Answer a;
                try {
                    a = answer.get(120, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError(
                            function + " (" + runtime + ", handler " + handler + ") did not answer; init error: "
                                    + api.initError() + "\n" + tail(log),
                            e);
                }
                assertThat(a.error())
                        .as(function + " (" + runtime + ") answered: " + a.body() + "\n" + tail(log))
                        .isEqualTo(functionError);
                // SIGTERM, as Lambda ends an environment: nothing may fail on the way out either
                process.destroy();
                assertThat(process.waitFor(30, TimeUnit.SECONDS))
                        .as(function + " stops on SIGTERM")
                        .isTrue();
                assertThat(functionError ? List.<String>of() : Files.readAllLines(log))
                        .as(function + " (" + runtime + ") logged an error:\n" + tail(log))
                        .noneMatch(line -> line.contains(" ERROR [") || line.contains("\"level\":\"ERROR\""));
                return a.body();
            } finally {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private Intrinsics intrinsics(String runtime) {
        return new Intrinsics(
                template,
                Map.of("Runtime", runtime),
                id -> {
                    if (id.equals("SymmetryTable")) {
                        return tableName;
                    }
                    if (id.equals("FunctionLogGroup")) {
                        return "/aws/lambda/symmetry";
                    }
                    throw new AssertionError(
                            "a function's configuration names " + id + ": give it a local stand-in here");
                },
                (id, attribute) -> {
                    if (id.equals("WebDistribution") && attribute.equals("DomainName")) {
                        return DISTRIBUTION_DOMAIN;
                    }
                    throw new AssertionError("a function's configuration names " + id + "." + attribute
                            + ": give it a local stand-in here");
                });
    }

    private static String resolveSecrets(String value) {
        Matcher m = SECRET_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String secret = secrets.get(m.group(1));
            assertThat(secret)
                    .as("the template reads secret " + m.group(1) + ", which this test does not hold")
                    .isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(secret));
        }
        m.appendTail(out);
        assertThat(out.toString())
                .as("a dynamic reference CloudFormation would resolve")
                .doesNotContain("{{resolve:");
        return out.toString();
    }

    private static String functionExporting(Map<String, String> exports, String name) {
        return exports.entrySet().stream()
                .filter(e -> name.equals(e.getValue()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no function exports " + name));
    }

    /** The organisation packed into the zip (organisation.json, as the template's SYMMETRY_ORGANISATION_FILE reads it). */
    private Set<String> packedUnitIds() throws IOException {
        Set<String> ids = new TreeSet<>();
        JSON.readTree(task.resolve("organisation.json").toFile())
                .path("units")
                .forEach(u -> ids.add(u.path("id").asText()));
        assertThat(ids).isNotEmpty();
        return ids;
    }

    /** An answer to the packed questionnaire: every dimension rated (the organisation's own, or the default one). */
    private Map<String, Object> feedback(String token) throws IOException {
        JsonNode questionnaire =
                JSON.readTree(task.resolve("organisation.json").toFile()).path("questionnaire");
        if (questionnaire.isMissingNode()) {
            questionnaire = JSON.readTree(
                    task.resolve("organisation/questionnaire.json").toFile());
        }
        Map<String, Object> ratings = new LinkedHashMap<>();
        questionnaire.path("dimensions").forEach(d -> ratings.put(d.path("id").asText(), 4));
        assertThat(ratings).isNotEmpty();
        return Map.of(
                "submissionId",
                UUID.randomUUID().toString(),
                "token",
                token,
                "language",
                "en",
                "recommend",
                9,
                "ratings",
                ratings,
                "comment",
                "Started as the template says.",
                "website",
                "");
    }

    private long answersStored() {
        return client.scanPaginator(b -> b.tableName(tableName)).items().stream()
                .filter(i -> i.get(SymmetryTable.PK).s().startsWith("ANSWER#"))
                .count();
    }

    /** The JDK of a JVM runtime (java21 → a JDK 21 under /usr/lib/jvm); the native zip needs none. */
    private static Optional<String> launcher(String runtime) throws IOException {
        if (nativeZip) {
            return Optional.of("bootstrap");
        }
        String version = runtime.replaceAll("\\D", "");
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            for (Path dir : dirs.sorted().toList()) {
                Path release = dir.resolve("release");
                Path java = dir.resolve("bin/java");
                if (Files.isRegularFile(release)
                        && Files.isExecutable(java)
                        && Files.readString(release).matches("(?s).*JAVA_VERSION=\"" + version + "[.\"].*")) {
                    return Optional.of(java.toString());
                }
            }
        }
        return Optional.empty();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
