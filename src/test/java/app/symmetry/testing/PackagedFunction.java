package app.symmetry.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.TestProfile;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Runs a Lambda-binding test class ({@code FooIT extends FooTest}) against {@code target/function.zip},
 * started as Lambda starts it, instead of the application inside the test.
 * <p>
 * Why {@code @QuarkusIntegrationTest} alone is not enough: it launches the JVM artifact with
 * {@code java -jar} against Quarkus' mock event server, and a Funqy JVM artifact has no poll loop there
 * (Funqy starts one in dev/test mode and in native images only; on Lambda's Java runtimes AWS's runtime
 * interface client calls the handler), so every invocation would wait forever. The IT classes keep
 * {@code @QuarkusIntegrationTest} (it keeps Quarkus from starting the application inside the test, and
 * runs after packaging) and add this extension: the zip is extracted as Lambda extracts it; a JVM zip is
 * started by the runtime interface client with the handler of template.yaml (as
 * {@code deploy.PackagedFunctionIT} does), a native zip's {@code bootstrap} is run as is; both poll a
 * local {@link LambdaRuntimeApi}. {@link LambdaClient} sends the test's events there (an answer the way
 * the mock event server gives it), so the test classes run unchanged: the same tests, the packaged
 * function. (The artifact Quarkus launched sits idle.)
 * <p>
 * A test that needs what another function writes asks {@link OtherFunctions}: here the artifact is
 * started once more for it, exporting that function.
 * <p>
 * The function gets the configuration a {@code @QuarkusTest} runs with (test resources' values and the
 * class's {@link TestProfile} overrides, export included) as system properties, and DynamoDB Local of
 * {@link DynamoDbLocalResource}, whose table is created here as the stack creates it on AWS.
 */
public final class PackagedFunction implements BeforeAllCallback, AfterAllCallback {

    /** The runtime interface client's main class: how the java runtimes start a handler. */
    public static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    static final Path ROOT = Path.of(System.getProperty("user.dir"));
    static final Path WORK = ROOT.resolve("target/packaged-it");
    /** Where {@link LambdaClient} sends events while a packaged function runs. */
    static final String PORT = "symmetry.packaged-function.port";
    /** {@code jvm} or {@code native} while a packaged function runs: for a test that cannot hold on one of them. */
    public static final String RUNTIME = "symmetry.packaged-function.runtime";

    private static Path task;
    /** The running extension, for {@link #companionPort}: one test class at a time runs in failsafe's JVM. */
    private static PackagedFunction current;
    /** The runtime interface client's JNI library as a JVM option, once unpacked ({@link #nativeClientOption}). */
    private static String nativeClient;

    private Map<String, String> config;
    private String testName;
    private Running function;
    private final Map<String, Running> companions = new LinkedHashMap<>();

    /** One packaged function process, polling its own Runtime API, with the front the tests send events to. */
    private record Running(LambdaRuntimeApi api, Process process, HttpServer front) {

        int port() {
            return front.getAddress().getPort();
        }

        void stop() throws InterruptedException {
            front.stop(0);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            api.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        useTheTestConfiguration();
        config = new LinkedHashMap<>(new DynamoDbLocalResource().start());
        for (Class<?> c = testClass; c != null; c = c.getSuperclass()) {
            TestProfile profile = c.getAnnotation(TestProfile.class);
            if (profile != null) {
                config.putAll(
                        profile.value().getDeclaredConstructor().newInstance().getConfigOverrides());
                break;
            }
        }
        readKeysFromASecret(config);
        testName = testClass.getSimpleName();
        function = start(config, testName);
        current = this;
        System.setProperty(PORT, String.valueOf(function.port()));
        System.setProperty(RUNTIME, Files.exists(extractedZip().resolve("bootstrap")) ? "native" : "jvm");
    }

    /**
     * Where another function's events go while this class's function runs: the same artifact started a
     * second time, exporting {@code export}, as its own Lambda would be (started on first use, stopped
     * with the class's). How a test places what only another function writes, when this artifact
     * serves one function and no HTTP binding.
     */
    static synchronized int companionPort(String export) throws Exception {
        if (current == null) {
            throw new IllegalStateException("no packaged function is running");
        }
        Running companion = current.companions.get(export);
        if (companion == null) {
            Map<String, String> config = new LinkedHashMap<>(current.config);
            config.put("quarkus.funqy.export", export);
            companion = start(config, current.testName + "-" + export);
            current.companions.put(export, companion);
        }
        return companion.port();
    }

    private static Running start(Map<String, String> config, String name) throws Exception {
        Path root = extractedZip();
        boolean nativeZip = Files.exists(root.resolve("bootstrap"));
        Map<String, Object> globals = globalFunctionProperties();
        String handler = (String) globals.get("Handler");

        LambdaRuntimeApi api = new LambdaRuntimeApi();
        List<String> command = new ArrayList<>();
        if (nativeZip) {
            command.add(root.resolve("bootstrap").toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        if (!nativeZip) {
            command.addAll(List.of(
                    nativeClientOption(),
                    "-cp",
                    runtimeClient() + File.pathSeparator + root + File.pathSeparator + root.resolve("lib")
                            + File.separator + "*",
                    RIC_MAIN,
                    handler));
        }
        Path log = WORK.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path);
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("_HANDLER", handler);
        env.put("LAMBDA_TASK_ROOT", root.toString());
        env.put("AWS_LAMBDA_FUNCTION_NAME", config.getOrDefault("quarkus.funqy.export", "function"));
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_REGION", "eu-west-3");
        env.put("DISABLE_SIGNAL_HANDLERS", "true");
        if (!nativeZip) {
            Object options = globalEnvironment(globals).get("JAVA_TOOL_OPTIONS");
            if (options instanceof Map<?, ?> ifJvm && ifJvm.get("Fn::If") instanceof List<?> branches) {
                env.put("JAVA_TOOL_OPTIONS", String.valueOf(branches.get(1)));
            }
        }
        Process process = builder.start();
        // a test run stopped half-way (Ctrl-C, a killed fork) must not leave the function running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));

        HttpServer front = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        front.createContext("/", exchange -> invoke(exchange, api, process, log));
        front.start();
        return new Running(api, process, front);
    }

    /** One event in, the function's answer out: 200 with its result, or 500 with its function error, as the mock event server answers. */
    private static void invoke(HttpExchange exchange, LambdaRuntimeApi api, Process process, Path log)
            throws IOException {
        try (exchange) {
            String event;
            try (InputStream in = exchange.getRequestBody()) {
                event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            LambdaRuntimeApi.Answer answer;
            try {
                answer = api.invoke(event).get(120, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException(
                        "the packaged function did not answer; init error: " + api.initError() + "; alive: "
                                + process.isAlive() + "; see " + log,
                        e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.error() ? 500 : 200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        System.clearProperty(PORT);
        System.clearProperty(RUNTIME);
        current = null;
        for (Running companion : companions.values()) {
            companion.stop();
        }
        companions.clear();
        if (function != null) {
            function.stop();
        }
    }

    /**
     * A packaged function runs in the prod profile, which refuses plain signing keys: as on AWS, it reads
     * the test keys from a Secrets Manager secret (on moto_server, a real local endpoint), with the AWS
     * identity of the test configuration. The test keys list the active key first, as a secret does.
     */
    private static void readKeysFromASecret(Map<String, String> config) {
        String keys = config.remove("symmetry.token.keys");
        if (keys == null) {
            return;
        }
        config.remove("symmetry.token.active-key");
        MotoServer moto = MotoServer.instance();
        config.put("symmetry.token.secret-id", moto.createSecret("packaged-token-keys", keys));
        config.put("symmetry.token.secrets-endpoint", moto.endpoint());
    }

    /**
     * Outside Quarkus, this process reads src/test/resources/application.properties only if told: the
     * tests' own reading of the configuration (LambdaClient's port, Tokens' keys) then agrees with the
     * function's.
     */
    private static void useTheTestConfiguration() throws IOException {
        if (ConfigProvider.getConfig()
                .getOptionalValue("symmetry.token.keys", String.class)
                .isPresent()) {
            return;
        }
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultSources();
        for (URL url :
                Collections.list(PackagedFunction.class.getClassLoader().getResources("application.properties"))) {
            builder.withSources(new PropertiesConfigSource(url, url.getPath().contains("/test-classes/") ? 260 : 250));
        }
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        resolver.releaseConfig(resolver.getConfig(loader));
        resolver.registerConfig(builder.build(), loader);
    }

    private static synchronized Path extractedZip() throws IOException {
        if (task != null) {
            return task;
        }
        Path zip = ROOT.resolve("target/function.zip");
        if (!Files.exists(zip)) {
            throw new IllegalStateException(
                    "target/function.zip not built: the packaged-function tests run in ./mvnw verify");
        }
        Path root = WORK.resolve("task");
        if (Files.exists(root)) {
            try (var files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(root);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                Path to = root.resolve(entry.getName()).normalize();
                if (!to.startsWith(root)) {
                    throw new IllegalStateException("zip entry outside the task root: " + entry.getName());
                }
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
        root.resolve("bootstrap").toFile().setExecutable(true);
        task = root;
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> globalFunctionProperties() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(10 * 1024 * 1024);
        try (InputStream in = Files.newInputStream(ROOT.resolve("template.yaml"))) {
            Map<String, Object> template = new Yaml(new SafeConstructor(options)).load(in);
            return (Map<String, Object>) ((Map<String, Object>) template.get("Globals")).get("Function");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> globalEnvironment(Map<String, Object> globals) {
        return (Map<String, Object>) ((Map<String, Object>) globals.get("Environment")).get("Variables");
    }

    /**
     * The runtime interface client's JNI library, unpacked once under target/, as the JVM option that
     * makes the client load it from there. Left to itself the client copies it to
     * {@code /tmp/.libaws-lambda-jni.so} at every start, over the copy another starting process may be
     * loading that moment: a test's function and its companion started together, one of them died of
     * SIGBUS in the dynamic loader (its hs_err file in the task root) and its test waited 120 s for an
     * answer. On Lambda one function process starts per sandbox; here several share a machine. The copy
     * is renamed into place, so a process of another test JVM loading the previous one keeps its file.
     */
    public static synchronized String nativeClientOption() {
        if (nativeClient == null) {
            String arch = System.getProperty("os.arch");
            String name = "libaws-lambda-jni.linux-" + (arch.equals("aarch64") ? "aarch_64" : "x86_64") + ".so";
            Path target = ROOT.resolve("target/runtime-client").resolve(name);
            try (InputStream in = Class.forName(RIC_MAIN).getResourceAsStream("/jni/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the runtime interface client has no " + name);
                }
                Files.createDirectories(target.getParent());
                Path partial = Files.createTempFile(target.getParent(), name, ".part");
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalStateException("could not unpack the runtime interface client's library", e);
            }
            nativeClient = "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + target;
        }
        return nativeClient;
    }

    /** The runtime interface client and its serialization library, from the test class path. */
    public static String runtimeClient() {
        List<String> jars = new ArrayList<>();
        for (String cls : List.of(
                RIC_MAIN,
                "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
                "com.amazonaws.services.lambda.runtime.Context")) {
            try {
                jars.add(Path.of(Class.forName(cls)
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (ReflectiveOperationException | URISyntaxException e) {
                throw new IllegalStateException("not on the test class path: " + cls, e);
            }
        }
        return String.join(File.pathSeparator, jars.stream().distinct().toList());
    }
}
