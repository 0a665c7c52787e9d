package app.symmetry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * AWS cfn-guard over template.yaml, with the project's rules (.ci/guard/*.guard) and the AWS Control
 * Tower rules of the services the template uses. The binary and rules come from the npm package
 * {@code @cdklabs/cdk-validator-cfnguard}, installed under target/cfn-guard when missing (npm only).
 * A failing rule fails the build unless .ci/guard/waivers.md lists it with its reason; a waiver that
 * no longer fails fails the build too. {@code -Dcfnguard.skip=true} skips it (offline machines), loudly.
 */
class CfnGuardTest {

    static final String PACKAGE = "@cdklabs/cdk-validator-cfnguard";
    static final List<String> CONTROL_TOWER_DIRS = List.of(
            "apigateway",
            "cloudfront",
            "cloudwatch",
            "dynamodb",
            "identityandaccessmanagement",
            "keymanagementservice",
            "lambda",
            "s3",
            "sqs");
    static final Path GUARD_DIR = Deployment.ROOT.resolve(".ci/guard");
    static final Path INSTALL = Deployment.ROOT.resolve("target/cfn-guard");
    static final Pattern RULE_LINE = Pattern.compile("^(\\S+\\.guard/\\S+)\\s+(PASS|FAIL|SKIP)\\s*$");
    static final Pattern WAIVER = Pattern.compile("^\\|\\s*(\\S+\\.guard/\\S+)\\s*\\|\\s*(.+?)\\s*\\|\\s*$");

    @Test
    void templatePassesCfnGuardExceptWaivedRules() throws Exception {
        if (Boolean.getBoolean("cfnguard.skip")) {
            System.err.println("WARNING: cfn-guard check skipped (-Dcfnguard.skip=true)");
            return;
        }
        Path packageDir = INSTALL.resolve("node_modules").resolve(PACKAGE);
        if (!Files.isDirectory(packageDir)) {
            run(
                    List.of(
                            "npm",
                            "install",
                            "--no-save",
                            "--no-audit",
                            "--no-fund",
                            "--prefix",
                            INSTALL.toString(),
                            PACKAGE),
                    600);
        }
        Path binary = packageDir.resolve("bin").resolve(os()).resolve(arch()).resolve("cfn-guard");
        assertThat(binary).as("cfn-guard binary for this platform").exists();
        binary.toFile().setExecutable(true);

        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "validate",
                "-d",
                Deployment.TEMPLATE.toString(),
                "--show-summary",
                "all",
                "-o",
                "single-line-summary"));
        try (Stream<Path> own = Files.list(GUARD_DIR)) {
            own.filter(p -> p.toString().endsWith(".guard"))
                    .sorted()
                    .forEach(p -> command.addAll(List.of("-r", p.toString())));
        }
        Path controlTower = packageDir.resolve("rules/control-tower/cfn-guard");
        for (String dir : CONTROL_TOWER_DIRS) {
            assertThat(controlTower.resolve(dir)).isDirectory();
            command.addAll(List.of("-r", controlTower.resolve(dir).toString()));
        }
        String output = run(command, 300);

        Map<String, String> status = new TreeMap<>();
        for (String line : output.split("\\R")) {
            Matcher m = RULE_LINE.matcher(line.trim());
            if (m.matches()) {
                status.put(m.group(1), m.group(2));
            }
        }
        assertThat(status).as("cfn-guard reported its rules:\n" + output).isNotEmpty();
        Set<String> failed = new TreeSet<>();
        status.forEach((rule, s) -> {
            if (s.equals("FAIL")) {
                failed.add(rule);
            }
        });
        Map<String, String> waivers = waivers();
        Set<String> unwaived = new TreeSet<>(failed);
        unwaived.removeAll(waivers.keySet());
        assertThat(unwaived)
                .as("cfn-guard rules failing without a waiver:\n" + output)
                .isEmpty();
        Set<String> stale = new TreeSet<>(waivers.keySet());
        stale.removeAll(failed);
        assertThat(stale)
                .as("waivers for rules that no longer fail: remove them from waivers.md")
                .isEmpty();
        status.forEach((rule, s) -> {
            if (rule.startsWith("symmetry.guard/")) {
                assertThat(s)
                        .as(rule + " must apply to this template, not be skipped")
                        .isEqualTo("PASS");
            }
        });
    }

    static Map<String, String> waivers() throws IOException {
        Map<String, String> waivers = new TreeMap<>();
        for (String line : Files.readAllLines(GUARD_DIR.resolve("waivers.md"))) {
            Matcher m = WAIVER.matcher(line);
            if (m.matches()) {
                assertThat(m.group(2)).as("reason for " + m.group(1)).hasSizeGreaterThan(20);
                assertThat(m.group(1)).as("our own rules are not waived").doesNotStartWith("symmetry.guard/");
                waivers.put(m.group(1), m.group(2));
            }
        }
        return waivers;
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (command.get(0).equals("npm") && process.exitValue() != 0) {
            throw new IllegalStateException(
                    "npm install " + PACKAGE + " failed (or run with -Dcfnguard.skip=true):\n" + text);
        }
        return text;
    }

    private static String os() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return os.contains("mac") ? "macos" : "ubuntu";
    }

    private static String arch() {
        String arch = System.getProperty("os.arch");
        return arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : "x86_64";
    }
}
