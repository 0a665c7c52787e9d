package app.symmetry.deploy;

import static app.symmetry.deploy.Deployment.at;
import static app.symmetry.deploy.Deployment.list;
import static app.symmetry.deploy.Deployment.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * template.yaml as CloudFormation would receive it from {@code sam deploy} ({@link SamExpansion}):
 * what only the expanded template shows, and what CloudFormation would do with it.
 */
class SamTransformTest {

    static final String DISTRIBUTION_DOMAIN = "d111111abcdef8.cloudfront.net";

    @Test
    void theExpandedTemplateHasNoCfnLintFindingForAnyRuntimeNorWithEveryOptionOn() throws Exception {
        SamExpansion sam = SamExpansion.get();
        List<Object> runtimes = list(sam.template, "Parameters", "Runtime", "AllowedValues");
        assertThat(runtimes).isNotEmpty();
        assertThat(sam.exitCode).as("expand.py:\n" + sam.output).isZero();
        for (Object runtime : runtimes) {
            assertThat(sam.lint("runtime-" + runtime))
                    .as("cfn-lint, Runtime=" + runtime)
                    .isEmpty();
        }
        assertThat(sam.lint("every-option"))
                .as("cfn-lint, " + SamExpansion.EVERY_OPTION)
                .isEmpty();
    }

    /**
     * SAM names a function's version after a hash of its code location, environment and memory
     * taken before parameters are resolved: a parameter change alone keeps the version's logical id.
     * CloudFormation then publishes a new version only if a property of the version it cannot update
     * in place (create-only, in the resource schema cfn-lint ships) changes: each function's
     * VersionDescription carries every parameter its configuration reads.
     */
    @Test
    void changingAParameterAFunctionReadsPublishesANewVersionForTheLiveAlias() throws Exception {
        SamExpansion sam = SamExpansion.get();
        Map<String, Object> defaults = sam.expanded("defaults");
        List<Object> createOnly = list(sam.schema(), "AWS::Lambda::Version", "createOnlyProperties");
        assertThat(createOnly).contains("/properties/Description");
        List<String> stale = new ArrayList<>();
        Map<String, Map<String, Object>> configs = SamExpansion.configurations(sam.template);
        assertThat(configs).isNotEmpty();
        configs.forEach((function, config) -> {
            Set<String> read = SamExpansion.parametersIn(sam.template, config);
            assertThat(read).as(function + " reads parameters").isNotEmpty();
            for (String parameter : read) {
                Map<String, String> changed = Map.of(parameter, sam.changed(parameter));
                Map<String, Object> after = expanded(sam, "changed-" + parameter);
                String before = publishedVersion(defaults, function, Map.of());
                String now = publishedVersion(after, function, changed);
                if (before.equals(now)) {
                    stale.add(function + " keeps its version when " + parameter + " changes: " + before);
                }
            }
        });
        assertThat(stale).isEmpty();
    }

    @Test
    void versionDescriptionsFitLambdasLimitWithTheLongestParameterValues() {
        Map<String, Object> template = Deployment.template();
        Deployment.resourcesOfType(template, "AWS::Serverless::Function").forEach((id, fn) -> {
            Object description = at(fn, "Properties", "VersionDescription");
            assertThat(description).as(id + " has a VersionDescription").isNotNull();
            Map<String, String> longest = new HashMap<>();
            for (String p : SamExpansion.parametersIn(template, description)) {
                String value = SamExpansion.longest(template, p);
                assertThat(value)
                        .as(p + " is bounded (AllowedValues, MaxValue or MaxLength)")
                        .isNotNull();
                longest.put(p, value);
            }
            for (boolean withUrl : List.of(false, true)) {
                Map<String, String> values = new HashMap<>(longest);
                if (!withUrl) {
                    values.put("PublicUrl", "");
                }
                String resolved = (String) intrinsics(template, values).value(description);
                assertThat(resolved).as(id).hasSizeLessThanOrEqualTo(256);
            }
        });
    }

    @Test
    void aFailedScheduledRunReachesTheQueueWhoseAlarmFires() throws Exception {
        Map<String, Object> t = SamExpansion.get().expanded("defaults");
        Map<String, Map<String, Object>> configs = Deployment.resourcesOfType(t, "AWS::Lambda::EventInvokeConfig");
        Map<String, Object> rule = Deployment.resourcesOfType(t, "AWS::Events::Rule").values().stream()
                .findFirst()
                .orElseThrow();
        Object target = list(rule, "Properties", "Targets").get(0);
        Object queue = at(target, "DeadLetterConfig", "Arn");
        assertThat(queue).as("the schedule's dead-letter queue").isNotNull();
        assertThat(configs)
                .as("the function that the schedule invokes has an async invoke config")
                .hasSize(1);
        Map<String, Object> config = configs.values().iterator().next();
        Map<String, Object> props = map(config, "Properties");
        String function = (String) at(props, "FunctionName", "Ref");
        assertThat(at(target, "Arn", "Ref"))
                .as("the schedule invokes the alias whose failures are configured")
                .isEqualTo(function + "Alias" + props.get("Qualifier"));
        assertThat(at(props, "DestinationConfig", "OnFailure", "Destination")).isEqualTo(queue);
        assertThat((Integer) props.get("MaximumEventAgeInSeconds")).isBetween(60, 3600);
        assertThat(props).containsKey("MaximumRetryAttempts");
        // the role may send there (SAM writes that statement), and the queue's alarm watches it
        String role = (String) at(map(Deployment.resources(t), function), "Properties", "Role", "Fn::GetAtt", "0");
        if (role == null) {
            role = (String) list(map(Deployment.resources(t), function), "Properties", "Role", "Fn::GetAtt")
                    .get(0);
        }
        List<Object> statements = new ArrayList<>();
        list(Deployment.resources(t).get(role), "Properties", "Policies")
                .forEach(p -> statements.addAll(list(p, "PolicyDocument", "Statement")));
        assertThat(statements)
                .anyMatch(s -> list(s, "Action").contains("sqs:SendMessage") && queue.equals(at(s, "Resource")));
        String queueId = (String) list(queue, "Fn::GetAtt").get(0);
        assertThat(Deployment.resourcesOfType(t, "AWS::CloudWatch::Alarm").values())
                .anyMatch(alarm -> "AWS/SQS".equals(at(alarm, "Properties", "Namespace"))
                        && List.of(queueId, "QueueName")
                                .equals(list(
                                        list(alarm, "Properties", "Dimensions").get(0), "Value", "Fn::GetAtt")));
    }

    @Test
    void theStageLogsOnlyWhereTheAccountHasACloudWatchRole() throws Exception {
        Map<String, Object> t = SamExpansion.get().expanded("defaults");
        Map<String, Object> stage = Deployment.resourcesOfType(t, "AWS::ApiGateway::Stage")
                .values()
                .iterator()
                .next();
        // with every default (a first `sam deploy` in a new account): no logging, or the stack sets the role it needs
        Intrinsics byDefault = intrinsics(t, Map.of());
        Object defaultProps = byDefault.value(map(stage, "Properties"));
        boolean logsByDefault = at(defaultProps, "AccessLogSetting") != null
                || list(defaultProps, "MethodSettings").stream().anyMatch(m -> !"OFF".equals(at(m, "LoggingLevel")));
        boolean setsRoleByDefault = Deployment.resourcesOfType(t, "AWS::ApiGateway::Account").values().stream()
                .anyMatch(a -> a.get("Condition") == null || byDefault.condition((String) a.get("Condition")));
        assertThat(!logsByDefault || setsRoleByDefault)
                .as("the default stage logs, which needs an account role no default sets")
                .isTrue();
        assertThat(list(t, "Parameters", "ApiLogging", "AllowedValues"))
                .as("a deployer can turn API logs on")
                .isNotEmpty();
        for (Object choice : list(t, "Parameters", "ApiLogging", "AllowedValues")) {
            Intrinsics cfn = intrinsics(t, Map.of("ApiLogging", String.valueOf(choice)));
            Object props = cfn.value(map(stage, "Properties"));
            boolean logs = at(props, "AccessLogSetting") != null
                    || list(props, "MethodSettings").stream().anyMatch(m -> !"OFF".equals(at(m, "LoggingLevel")));
            List<String> accounts = Deployment.resourcesOfType(t, "AWS::ApiGateway::Account").entrySet().stream()
                    .filter(e -> e.getValue().get("Condition") == null
                            || cfn.condition((String) e.getValue().get("Condition")))
                    .map(Map.Entry::getKey)
                    .toList();
            if (choice.equals("off")) {
                assertThat(logs)
                        .as("ApiLogging=off: no logging, which needs an account role")
                        .isFalse();
                assertThat(accounts).isEmpty();
            } else {
                assertThat(logs).as("ApiLogging=" + choice + " logs").isTrue();
            }
            if (choice.equals("create-account-role")) {
                assertThat(accounts).hasSize(1);
                assertThat(String.valueOf(props))
                        .as("the stage waits for the account setting it needs")
                        .contains("<ref " + accounts.get(0) + ">");
                Map<String, Object> account = map(Deployment.resources(t), accounts.get(0));
                assertThat(account.get("DeletionPolicy"))
                        .as("other stacks' APIs may rely on it")
                        .isEqualTo("Retain");
                String role = (String) list(account, "Properties", "CloudWatchRoleArn", "Fn::GetAtt")
                        .get(0);
                assertThat(at(map(Deployment.resources(t), role), "DeletionPolicy"))
                        .isEqualTo("Retain");
            } else {
                assertThat(accounts)
                        .as("ApiLogging=" + choice + " leaves the account's setting alone")
                        .isEmpty();
            }
        }
    }

    @Test
    void aCustomPublicUrlIsServedByTheDistributionWithItsCertificateAndEmptyKeepsCloudFrontsOwn() throws Exception {
        Map<String, Object> t = SamExpansion.get().expanded("every-option");
        Map<String, Object> distribution = Deployment.resourcesOfType(t, "AWS::CloudFront::Distribution")
                .values()
                .iterator()
                .next();
        Intrinsics custom = intrinsics(
                t,
                Map.of(
                        "PublicUrl",
                        SamExpansion.EVERY_OPTION.get("PublicUrl"),
                        "PublicUrlCertificateArn",
                        SamExpansion.EVERY_OPTION.get("PublicUrlCertificateArn")));
        Object config = custom.value(map(distribution, "Properties", "DistributionConfig"));
        assertThat(list(config, "Aliases")).containsExactly("feedback.example.org");
        assertThat(at(config, "ViewerCertificate", "AcmCertificateArn"))
                .isEqualTo(SamExpansion.EVERY_OPTION.get("PublicUrlCertificateArn"));
        assertThat(at(config, "ViewerCertificate", "SslSupportMethod")).isEqualTo("sni-only");

        Object own = intrinsics(t, Map.of()).value(map(distribution, "Properties", "DistributionConfig"));
        assertThat(at(own, "Aliases")).isNull();
        assertThat(at(own, "ViewerCertificate")).isEqualTo(Map.of("CloudFrontDefaultCertificate", true));
        // CloudFront takes certificates from us-east-1 only; a PublicUrl without one is refused before anything is
        // created
        assertThat((String) at(t, "Parameters", "PublicUrlCertificateArn", "AllowedPattern"))
                .contains(":acm:us-east-1:");
        assertThat(SamExpansion.parametersIn(t, map(t, "Rules"))).contains("PublicUrl", "PublicUrlCertificateArn");
    }

    @Test
    void theAggregatorReservesNoConcurrencyUnlessAskedTo() throws Exception {
        Map<String, Object> t = SamExpansion.get().expanded("defaults");
        Deployment.resourcesOfType(t, "AWS::Lambda::Function")
                .forEach((id, fn) -> assertThat(intrinsics(t, Map.of()).value(map(fn, "Properties")))
                        .as(id)
                        .extracting(p -> at(p, "ReservedConcurrentExecutions"))
                        .isNull());
    }

    @Test
    void noCircularDependencyThroughTheDistribution() throws Exception {
        // cfn-lint's E3004 finds cycles; this says which edge was cut, so a change that brings it back is named.
        Map<String, Object> t = SamExpansion.get().expanded("defaults");
        Set<String> readingDistribution = new TreeSet<>();
        Deployment.resourcesOfType(t, "AWS::Lambda::Function").forEach((id, fn) -> {
            if (String.valueOf(fn).contains("WebDistribution")) {
                readingDistribution.add(id);
            }
        });
        Object api = map(Deployment.resources(t), "SymmetryApi");
        for (String fn : readingDistribution) {
            assertThat(String.valueOf(api))
                    .as("the API names " + fn + " by name, not by a reference")
                    .doesNotContain(fn + ".Arn");
        }
    }

    private static Map<String, Object> expanded(SamExpansion sam, String job) {
        try {
            return sam.expanded(job);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Logical id and create-only properties of the version the function's alias points at, as CloudFormation resolves them. */
    private static String publishedVersion(Map<String, Object> t, String function, Map<String, String> parameters) {
        Map<String, Object> alias = Deployment.resourcesOfType(t, "AWS::Lambda::Alias").values().stream()
                .filter(a -> function.equals(at(a, "Properties", "FunctionName", "Ref")))
                .findFirst()
                .orElseThrow();
        List<Object> getAtt = list(alias, "Properties", "FunctionVersion", "Fn::GetAtt");
        assertThat(getAtt)
                .as(function + "'s alias follows its published version")
                .hasSize(2);
        String versionId = (String) getAtt.get(0);
        Object version = intrinsics(t, parameters).value(map(Deployment.resources(t), versionId, "Properties"));
        return versionId + " " + version;
    }

    static Intrinsics intrinsics(Map<String, Object> t, Map<String, String> parameters) {
        return new Intrinsics(
                t,
                parameters,
                id -> "<ref " + id + ">",
                (id, attribute) -> id.equals("WebDistribution") && attribute.equals("DomainName")
                        ? DISTRIBUTION_DOMAIN
                        : "<" + id + "." + attribute + ">");
    }
}
