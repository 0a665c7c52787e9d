package app.symmetry.deploy;

import static app.symmetry.deploy.Deployment.at;
import static app.symmetry.deploy.Deployment.list;
import static app.symmetry.deploy.Deployment.map;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * template.yaml expanded as CloudFormation receives it from {@code sam deploy}: .ci/sam/expand.py
 * inlines the AWS::Include'd OpenAPI document and runs the installed aws-sam-translator's transform,
 * then cfn-lint, once per job (one python3 process for all of them, once per test JVM). Where the
 * tools are missing the tests fail under CI ({@code CI=true}, as .ci/run runs) and are skipped,
 * visibly, elsewhere.
 */
final class SamExpansion {

    static final Path SCRIPT = Deployment.ROOT.resolve(".ci/sam/expand.py");
    static final Path OUT = Deployment.ROOT.resolve("target/sam-expanded");
    /** Where `sam package` would put target/function.zip; the key is a stand-in (the zip is built after the tests). */
    static final String CODE_URI = "s3://deployment-bucket/0123456789abcdef0123456789abcdef";
    /** A value for each parameter when a test needs every optional part of the template switched on. */
    static final Map<String, String> EVERY_OPTION = Map.of(
            "Runtime",
            "java21",
            "PublicUrl",
            "https://feedback.example.org",
            "PublicUrlCertificateArn",
            "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
            "ApiLogging",
            "create-account-role",
            "AggregatorReservedConcurrency",
            "1",
            "AlarmEmail",
            "ops@example.org",
            "CloudFrontWebAclArn",
            "arn:aws:wafv2:us-east-1:123456789012:global/webacl/symmetry-edge/a1b2c3d4-5678-90ab-cdef-0123456789ab");

    private static SamExpansion instance;

    final Map<String, Object> template = Deployment.template();
    final Map<String, Map<String, String>> jobs = new LinkedHashMap<>();
    final String output;
    final int exitCode;

    private SamExpansion() throws IOException, InterruptedException {
        for (Object runtime : list(template, "Parameters", "Runtime", "AllowedValues")) {
            jobs.put("runtime-" + runtime, Map.of("Runtime", String.valueOf(runtime)));
        }
        jobs.put("every-option", EVERY_OPTION);
        jobs.put("defaults", Map.of());
        for (String parameter : parametersFunctionsRead()) {
            jobs.put("changed-" + parameter, Map.of(parameter, changed(parameter)));
        }
        Files.createDirectories(OUT);
        List<Map<String, Object>> jobList = jobs.entrySet().stream()
                .map(e -> Map.<String, Object>of(
                        "name",
                        e.getKey(),
                        "parameters",
                        e.getValue(),
                        "lint",
                        e.getKey().startsWith("runtime-") || e.getKey().equals("every-option")))
                .toList();
        Path spec = OUT.resolve("jobs.json");
        new ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValue(
                        spec.toFile(),
                        Map.of(
                                "template",
                                Deployment.TEMPLATE.toString(),
                                "out",
                                OUT.toString(),
                                "codeUri",
                                CODE_URI,
                                "jobs",
                                jobList,
                                "schemaTypes",
                                List.of("AWS::Lambda::Version")));
        Process process;
        try {
            process = new ProcessBuilder("python3", SCRIPT.toString(), spec.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            missing("python3 cannot be started: " + e.getMessage());
            throw e;
        }
        output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("expand.py timed out");
        }
        exitCode = process.exitValue();
        if (exitCode == 3) {
            missing(output.trim());
        }
    }

    static synchronized SamExpansion get() throws IOException, InterruptedException {
        if (instance == null) {
            instance = new SamExpansion();
        }
        return instance;
    }

    private static void missing(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run the SAM transform and cfn-lint: " + why);
        }
        Assumptions.abort("SKIPPED, SAM transform and cfn-lint not available here: " + why);
    }

    Map<String, Object> expanded(String job) throws IOException {
        Path file = OUT.resolve(job + ".json");
        if (!Files.exists(file)) {
            throw new AssertionError("job " + job + " did not expand:\n" + output);
        }
        return Deployment.yaml(file);
    }

    String lint(String job) throws IOException {
        return Files.readString(OUT.resolve(job + ".lint.txt"));
    }

    Map<String, Object> schema() {
        return Deployment.yaml(OUT.resolve("schema.json"));
    }

    /**
     * What each function's published configuration is made of: Globals' Function section under the
     * function's own properties, without what belongs to the function rather than to a version
     * (its events, permissions, concurrency, async settings, alias and VersionDescription).
     */
    static Map<String, Map<String, Object>> configurations(Map<String, Object> template) {
        Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
        Deployment.resourcesOfType(template, "AWS::Serverless::Function").forEach((id, fn) -> {
            Map<String, Object> config = new LinkedHashMap<>(map(template, "Globals", "Function"));
            map(fn, "Properties").forEach((k, v) -> {
                if (k.equals("Environment")) {
                    Map<String, Object> variables = new LinkedHashMap<>(map(config, "Environment", "Variables"));
                    variables.putAll(map(v, "Variables"));
                    config.put(k, Map.of("Variables", variables));
                } else {
                    config.put(k, v);
                }
            });
            for (String notVersioned : List.of(
                    "Events",
                    "Policies",
                    "ReservedConcurrentExecutions",
                    "EventInvokeConfig",
                    "AutoPublishAlias",
                    "VersionDescription",
                    "FunctionName")) {
                config.remove(notVersioned);
            }
            configs.put(id, config);
        });
        return configs;
    }

    /** Every parameter a value depends on: named by Ref or ${} in Fn::Sub, or by a condition an Fn::If tests. */
    static Set<String> parametersIn(Map<String, Object> template, Object node) {
        Set<String> found = new TreeSet<>();
        collect(template, node, found);
        found.retainAll(map(template, "Parameters").keySet());
        return found;
    }

    private static final Pattern SUB_NAME = Pattern.compile("\\$\\{([A-Za-z0-9:]+)[.}]");

    private static void collect(Map<String, Object> template, Object node, Set<String> found) {
        if (node instanceof List<?> l) {
            l.forEach(i -> collect(template, i, found));
        } else if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (k.equals("Ref") && v instanceof String s) {
                    found.add(s);
                } else if (k.equals("Fn::Sub")) {
                    Object text = v instanceof List<?> l ? l.get(0) : v;
                    Matcher matcher = SUB_NAME.matcher(String.valueOf(text));
                    while (matcher.find()) {
                        found.add(matcher.group(1));
                    }
                    if (v instanceof List<?> l) {
                        collect(template, l.get(1), found);
                    }
                } else if ((k.equals("Fn::If") && v instanceof List<?> l)) {
                    collect(template, map(template, "Conditions").get((String) l.get(0)), found);
                    collect(template, l.subList(1, l.size()), found);
                } else if (k.equals("Condition") && v instanceof String s) {
                    collect(template, map(template, "Conditions").get(s), found);
                } else {
                    collect(template, v, found);
                }
            });
        }
    }

    Set<String> parametersFunctionsRead() {
        Set<String> all = new TreeSet<>();
        configurations(template).values().forEach(c -> all.addAll(parametersIn(template, c)));
        return all;
    }

    /** Another valid value of a parameter: another allowed value, the next number, or a different string. */
    String changed(String parameter) {
        Map<String, Object> p = map(template, "Parameters", parameter);
        String def = String.valueOf(p.getOrDefault("Default", ""));
        List<Object> allowed = list(p, "AllowedValues");
        if (!allowed.isEmpty()) {
            return allowed.stream()
                    .map(String::valueOf)
                    .filter(v -> !v.equals(def))
                    .findFirst()
                    .orElseThrow();
        }
        if ("Number".equals(p.get("Type"))) {
            int n = Integer.parseInt(def);
            Object max = p.get("MaxValue");
            return String.valueOf(max != null && n + 1 > ((Number) max).intValue() ? n - 1 : n + 1);
        }
        String pattern = String.valueOf(p.getOrDefault("AllowedPattern", ".*"));
        for (String candidate : List.of(def + "2", "https://changed.example.org", "changed", "changed@example.org")) {
            if (!candidate.equals(def) && candidate.matches(pattern)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no other value of " + parameter + " matches " + pattern);
    }

    /** The longest value a parameter admits, or null when the template sets no bound. */
    static String longest(Map<String, Object> template, String parameter) {
        Map<String, Object> p = map(template, "Parameters", parameter);
        List<Object> allowed = list(p, "AllowedValues");
        if (!allowed.isEmpty()) {
            return allowed.stream()
                    .map(String::valueOf)
                    .max((a, b) -> Integer.compare(a.length(), b.length()))
                    .orElseThrow();
        }
        if (p.get("MaxValue") != null) {
            return String.valueOf(p.get("MaxValue"));
        }
        Object max = at(p, "MaxLength");
        return max == null ? null : "x".repeat(((Number) max).intValue());
    }
}
