package app.symmetry.deploy;

import static app.symmetry.deploy.Deployment.at;
import static app.symmetry.deploy.Deployment.list;
import static app.symmetry.deploy.Deployment.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

import app.symmetry.local.LocalGateway;
import app.symmetry.storage.FailureMetric;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.token.SigningKeys;

/** template.yaml against the code: functions, runtime, IAM, table. */
class TemplateTest {

    static final Map<String, Object> TABLE_ARN = Map.of("Fn::GetAtt", List.of("SymmetryTable", "Arn"));
    static final Map<String, Object> INDEX_ARN =
            Map.of("Fn::Sub", "${SymmetryTable.Arn}/index/" + SymmetryTable.BY_PERIOD);

    static final Map<String, Object> SES_IDENTITY =
            Map.of("Fn::Sub", "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${MailIdentity}");
    static final String READ_KEY_SECRET = "secretsmanager:GetSecretValue";
    /** The secret's ARN: its name and the six random characters Secrets Manager appends, nothing wider. */
    static final Map<String, Object> KEY_SECRET_ARN = Map.of(
            "Fn::Sub",
            "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${TokenKeysSecretName}-??????");

    final Map<String, Object> template = Deployment.template();

    /**
     * A function that never signs or checks a token (a dashboard read, a key listing) is one more place
     * the signing keys could leak from: only the functions that sign or check them may read the secret,
     * and only they are told its name; no function gets the keys themselves in its environment.
     */
    @Test
    void onlyTheFunctionsThatSignOrCheckTokensReadTheKeySecret() {
        Map<String, String> exports = Deployment.exports(template);
        Set<String> reading = new TreeSet<>();
        Set<String> named = new TreeSet<>();
        Deployment.resourcesOfType(template, "AWS::Serverless::Function").forEach((id, fn) -> {
            for (Object policy : list(fn, "Properties", "Policies")) {
                for (Object statement : list(policy, "Statement")) {
                    if (list(statement, "Action").contains(READ_KEY_SECRET)) {
                        assertThat(list(statement, "Action")).as(id).containsExactly(READ_KEY_SECRET);
                        assertThat(list(statement, "Resource")).as(id).containsExactly(KEY_SECRET_ARN);
                        reading.add(exports.get(id));
                    }
                }
            }
            Map<String, Object> env = map(fn, "Properties", "Environment", "Variables");
            assertThat(env).as(id).doesNotContainKeys("SYMMETRY_TOKEN_KEYS", "SYMMETRY_TOKEN_ACTIVE_KEY");
            if (env.containsKey("SYMMETRY_TOKEN_SECRET_ID")) {
                assertThat(env.get("SYMMETRY_TOKEN_SECRET_ID")).isEqualTo(Map.of("Ref", "TokenKeysSecretName"));
                named.add(exports.get(id));
            }
        });
        assertThat(reading).containsExactlyInAnyOrderElementsOf(SigningKeys.USERS);
        assertThat(named).containsExactlyInAnyOrderElementsOf(SigningKeys.USERS);
        assertThat(String.valueOf(template)).doesNotContain("resolve:secretsmanager:${TokenKeysSecretName}");
    }

    @Test
    void eachExportNamesAFunqMethodAndEachFunqMethodIsDeployed() {
        Map<String, String> exports = Deployment.exports(template);
        Set<String> deployed = new TreeSet<>(exports.values());
        assertThat(exports.values()).doesNotContainNull().doesNotHaveDuplicates();
        Set<String> funq = Deployment.funqMethods().keySet();

        assertThat(deployed).as("every @Funq method has its function").containsAll(funq);
        Set<String> missing = new TreeSet<>(deployed);
        missing.removeAll(funq);
        if (Deployment.snapshotFunctionsPresent()) {
            assertThat(missing).as("exports naming no @Funq method").isEmpty();
        } else {
            // SnapshotFunctions is not merged yet: only its three functions may be missing, and only while it is
            // absent.
            assertThat(Deployment.SNAPSHOT_FUNCTION_NAMES).containsAll(missing);
        }
        exports.forEach((id, name) ->
                assertThat(id).isEqualTo(Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Function"));
    }

    /** PackagedFunctionIT starts the handler from function.zip; this says early that it is a stream handler of Funqy's. */
    @Test
    void theHandlerIsAStreamHandlerOfTheFunctionsClasspath() throws Exception {
        String handler = (String) map(template, "Globals", "Function").get("Handler");
        assertThat(handler).contains("::");
        String[] parts = handler.split("::");
        Class<?> type;
        try {
            type = Class.forName(parts[0], false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the template's handler " + handler + " is not on the function's classpath", e);
        }
        assertThat(type.getPackageName())
                .as("Funqy's Lambda binding serves the @Funq methods")
                .startsWith("io.quarkus.funqy.lambda");
        assertThat(type.getMethod(
                        parts[1],
                        InputStream.class,
                        OutputStream.class,
                        Class.forName("com.amazonaws.services.lambda.runtime.Context")))
                .isNotNull();
    }

    @Test
    void handlerAndRuntimeAreRightForFunqyOnJvmAndNative() {
        Map<String, Object> globals = map(template, "Globals", "Function");
        assertThat(globals.get("CodeUri")).isEqualTo("target/function.zip");
        assertThat(globals.get("Runtime")).isEqualTo(Map.of("Ref", "Runtime"));
        assertThat(globals.get("AutoPublishAlias")).isEqualTo("live");
        Map<String, Object> runtime = map(template, "Parameters", "Runtime");
        assertThat(runtime.get("Default")).as("native by default").isEqualTo("provided.al2023");
        assertThat(list(runtime, "AllowedValues")).containsExactlyInAnyOrder("provided.al2023", "java21", "java25");
        assertThat(at(template, "Conditions", "IsNative"))
                .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "Runtime"), "provided.al2023")));
        assertThat(globals.get("SnapStart"))
                .as("SnapStart on the JVM runtimes only")
                .isEqualTo(Map.of(
                        "Fn::If",
                        List.of("IsJvm", Map.of("ApplyOn", "PublishedVersions"), Map.of("Ref", "AWS::NoValue"))));
        Map<String, Object> env = map(globals, "Environment", "Variables");
        assertThat(env)
                .containsEntry("DISABLE_SIGNAL_HANDLERS", "true")
                .containsEntry("SYMMETRY_TABLE_NAME", Map.of("Ref", "SymmetryTable"))
                .containsKey("SYMMETRY_ORGANISATION_FILE")
                .as("no function gets the signing keys, or even their secret's name, from Globals")
                .doesNotContainKeys("SYMMETRY_TOKEN_KEYS", "SYMMETRY_TOKEN_SECRET_ID")
                .as("only the functions that print links read the public origin (no cycle through the distribution)")
                .doesNotContainKey("SYMMETRY_PUBLIC_URL");
        Deployment.resourcesOfType(template, "AWS::Serverless::Function").forEach((id, fn) -> {
            Map<String, Object> props = map(fn, "Properties");
            assertThat(props)
                    .as(id + " takes runtime, handler and code from Globals")
                    .doesNotContainKeys(
                            "Runtime", "Handler", "CodeUri", "InlineCode", "ImageUri", "PackageType", "Layers");
        });
    }

    /**
     * A manager with access to the traces or logs could match an answer's time to a phone's address: the
     * stage is not traced (X-Ray records each caller's address), no function asks for active tracing, and
     * the access log has no address in it.
     */
    @Test
    void publicPathsAreNotTracedOrLoggedWithAddresses() {
        Map<String, Object> api = map(Deployment.resources(template), "SymmetryApi", "Properties");
        assertThat(api.get("TracingEnabled")).isEqualTo(false);
        assertThat(String.valueOf(at(map(template, "Globals", "Function"), "Tracing")))
                .isIn("null", "PassThrough", "Disabled");
        Deployment.resourcesOfType(template, "AWS::Serverless::Function")
                .forEach((id, fn) ->
                        assertThat(map(fn, "Properties").get("Tracing")).as(id).isIn(null, "PassThrough", "Disabled"));
        String accessLog = String.valueOf(api.get("AccessLogSetting"));
        assertThat(accessLog)
                .contains("$context.requestId")
                .doesNotContain("sourceIp", "identity", "X-Forwarded-For", "userAgent", "querystring");
    }

    @Test
    void iamGrantsNoWildcardAndOnlyTheTableAndIndex() {
        List<String> problems = new ArrayList<>();
        Map<String, String> exports = Deployment.exports(template);
        Deployment.resourcesOfType(template, "AWS::Serverless::Function").forEach((id, fn) -> {
            for (Object policy : list(fn, "Properties", "Policies")) {
                if (!(policy instanceof Map<?, ?>)) {
                    problems.add(id + ": policy " + policy + " is not an inline document");
                    continue;
                }
                for (Object statement : list(policy, "Statement")) {
                    checkStatement(id, map(statement), problems);
                }
            }
            assertThat(map(fn, "Properties")).doesNotContainKeys("Role", "PermissionsBoundary");
        });
        // Other documents in the template (queue and bucket policies): no Allow with a wildcard either.
        for (String type : List.of(
                "AWS::IAM::Policy",
                "AWS::IAM::Role",
                "AWS::IAM::ManagedPolicy",
                "AWS::SQS::QueuePolicy",
                "AWS::S3::BucketPolicy")) {
            Deployment.resourcesOfType(template, type).forEach((id, r) -> {
                for (Object statement : list(r, "Properties", "PolicyDocument", "Statement")) {
                    if ("Allow".equals(at(statement, "Effect"))) {
                        list(statement, "Action").forEach(a -> {
                            if (String.valueOf(a).contains("*")) {
                                problems.add(id + ": wildcard action " + a);
                            }
                        });
                        list(statement, "Resource").forEach(r2 -> {
                            if ("*".equals(r2)) {
                                problems.add(id + ": wildcard resource");
                            }
                        });
                    }
                }
            });
        }
        // One role besides SAM's function roles: API Gateway's CloudWatch Logs role, only when the deployer asks for
        // it.
        Deployment.resourcesOfType(template, "AWS::IAM::Role").forEach((id, role) -> {
            assertThat(role.get("Condition")).as(id).isEqualTo("CreatesApiLogsRole");
            assertThat(list(role, "Properties", "AssumeRolePolicyDocument", "Statement"))
                    .singleElement()
                    .satisfies(s -> assertThat(at(s, "Principal", "Service")).isEqualTo("apigateway.amazonaws.com"));
            assertThat(list(role, "Properties", "ManagedPolicyArns"))
                    .containsExactly(Map.of(
                            "Fn::Sub",
                            "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"));
            assertThat(map(role, "Properties")).doesNotContainKey("Policies");
        });
        assertThat(problems).isEmpty();

        Map<String, Set<String>> granted = grantsByFunction(exports);
        // Every protected function reads the caller's key itself (docs/access.md); nothing else reads keys.
        String readKeys = "dynamodb:GetItem APIKEY#*";
        for (String name : LocalGateway.PROTECTED) {
            assertThat(granted.get(name)).as(name + " checks its caller's key").contains(readKeys);
        }
        assertThat(granted.get("authorizeApiKey")).containsExactly(readKeys);
        assertThat(granted.get("listUnits")).containsExactly(readKeys);
        String issuing = "dynamodb:(GetItem|PutItem|UpdateItem) CAMPAIGN#\\*";
        // The acts the audit log records are written by the functions that do them, and read by one function.
        String audits = "dynamodb:PutItem AUDIT#*";
        assertThat(granted.get("issueLinks"))
                .contains(readKeys)
                .contains(audits)
                .allSatisfy(g ->
                        assertThat(g).matches(issuing + "|dynamodb:GetItem APIKEY#\\*|dynamodb:PutItem AUDIT#\\*"));
        assertThat(granted.get("issueUnitCode")).isEqualTo(granted.get("issueLinks"));
        assertThat(granted.get("submitFeedback"))
                .containsExactlyInAnyOrder(
                        "dynamodb:PutItem ANSWER#* SUBMISSION#* SPENT#* DEVICE#* FOLLOWUP#*",
                                "dynamodb:UpdateItem ANSWER#* SUBMISSION#* SPENT#* DEVICE#* FOLLOWUP#*",
                        "dynamodb:ConditionCheckItem ANSWER#* SUBMISSION#* SPENT#* DEVICE#* FOLLOWUP#*",
                                "dynamodb:GetItem REVOKED#*");
        // A pulse answer also raises its campaign's count, in the same transaction.
        Set<String> pulse = new TreeSet<>(granted.get("submitFeedback"));
        pulse.add("dynamodb:UpdateItem CAMPAIGN#*");
        assertThat(granted.get("submitPulse")).isEqualTo(pulse);
        assertThat(granted.get("getForm"))
                .as("a form never reads whether its link was answered (a spent-link poll)")
                .containsExactly("dynamodb:GetItem REVOKED#*");
        assertThat(granted.get("revokeUnitCode"))
                .containsExactlyInAnyOrder("dynamodb:PutItem REVOKED#*", readKeys, audits);
        assertThat(granted.get("revokeLinkBatch"))
                .containsExactlyInAnyOrder("dynamodb:PutItem REVOKED#*", readKeys, audits);
        for (String reader : List.of("getSnapshot", "listSnapshots")) {
            // a unit's days are computed from its tallies when read
            assertThat(granted.get(reader))
                    .as(reader + " only reads snapshots, tallies, its caller's key and the unit's campaigns")
                    .containsExactlyInAnyOrder(
                            "dynamodb:GetItem SNAPSHOT#*",
                            "dynamodb:Query SNAPSHOT#*",
                            "dynamodb:BatchGetItem TALLY#*",
                            "dynamodb:Query TALLY#*",
                            readKeys,
                            "dynamodb:Query CAMPAIGNS#*");
        }
        // Comments are read from customers' answer partitions only: employees' answers are out of IAM's reach too.
        assertThat(granted.get("listComments")).containsExactlyInAnyOrder("dynamodb:Query ANSWER#C#*", readKeys);
        assertThat(granted.get("createApiKey"))
                .containsExactlyInAnyOrder(readKeys, "dynamodb:PutItem APIKEY#*", audits);
        assertThat(granted.get("listApiKeys")).containsExactlyInAnyOrder(readKeys, "dynamodb:Query APIKEYS");
        assertThat(granted.get("revokeApiKey"))
                .containsExactlyInAnyOrder(readKeys, "dynamodb:UpdateItem APIKEY#*", audits);
        assertThat(granted.get("listAuditLog")).containsExactlyInAnyOrder(readKeys, "dynamodb:Query AUDIT#*");
        assertThat(granted.get("listCampaigns"))
                .containsExactlyInAnyOrder(readKeys, "dynamodb:Query CAMPAIGNS#*", "dynamodb:Query CAMPAIGN#*");
        granted.forEach((function, grants) -> {
            if (!List.of(
                            "createApiKey",
                            "revokeApiKey",
                            "issueLinks",
                            "issueUnitCode",
                            "revokeUnitCode",
                            "revokeLinkBatch",
                            "aggregateSnapshots",
                            "sendInvitations")
                    .contains(function)) {
                assertThat(grants).as(function + " writes no audit entry").doesNotContain(audits);
            }
            assertThat(grants)
                    .as(function + ": no function changes or deletes an audit entry")
                    .noneMatch(g -> g.contains("AUDIT#") && !g.equals(audits) && !g.equals("dynamodb:Query AUDIT#*"));
        });
        assertThat(granted.get("startPulseCampaign"))
                .containsExactlyInAnyOrder(readKeys, "dynamodb:PutItem CAMPAIGN#*");
        // invitations: the batch and the campaign's issuing written, the queue fed; read back; sent by the queue's
        // function
        assertThat(granted.get("sendInvitations"))
                .containsExactlyInAnyOrder(
                        readKeys,
                        "dynamodb:GetItem CAMPAIGN#*",
                        "dynamodb:PutItem CAMPAIGN#*",
                        "dynamodb:UpdateItem CAMPAIGN#*",
                        "dynamodb:PutItem INVITES#*",
                        "dynamodb:BatchWriteItem INVITES#*",
                        audits,
                        "sqs:SendMessage ");
        assertThat(granted.get("getInvitationBatch"))
                .containsExactlyInAnyOrder(readKeys, "dynamodb:GetItem INVITES#*", "dynamodb:Query INVITES#*");
        assertThat(granted.get("deliverInvitations"))
                .as("the sender reads no key and no answer: its batch, the addresses' hashes, SES")
                .containsExactlyInAnyOrder(
                        "dynamodb:GetItem INVITES#*",
                        "dynamodb:UpdateItem INVITES#*",
                        "dynamodb:PutItem INVITED#*",
                        "dynamodb:DeleteItem INVITED#*",
                        "ses:SendEmail ");
        assertThat(granted.get("aggregateSnapshots"))
                .contains("dynamodb:Query ANSWER#*")
                .allSatisfy(g -> assertThat(g)
                        .matches(
                                "dynamodb:Query ANSWER#\\*|dynamodb:\\w+ TALLY#\\* SNAPSHOT#\\* RUN#\\*|dynamodb:Query SNAPSHOT#\\*|dynamodb:GetItem APIKEY#\\*|dynamodb:PutItem AUDIT#\\*"
                                        + "|dynamodb:Query CONTACTS|dynamodb:DeleteItem FOLLOWUP#\\*"))
                .noneMatch(g ->
                        g.startsWith("dynamodb:PutItem ANSWER") || g.contains("DeleteTable") || g.contains("Scan"));
        // Follow-ups: read and moved within their own items; the customers' addresses by nothing else
        assertThat(granted.get("listFollowUps"))
                .containsExactlyInAnyOrder(readKeys, "dynamodb:Query FOLLOWUPS#*", "dynamodb:BatchGetItem FOLLOWUP#*");
        for (String mover : List.of("updateFollowUp", "eraseContact")) {
            assertThat(granted.get(mover))
                    .containsExactlyInAnyOrder(
                            readKeys,
                            "dynamodb:Query FOLLOWUP#*",
                            "dynamodb:UpdateItem FOLLOWUP#*",
                            "dynamodb:DeleteItem FOLLOWUP#*");
        }
        assertThat(granted.get("notifyFollowUp"))
                .containsExactlyInAnyOrder(
                        "dynamodb:Query FOLLOWUP#*",
                        "dynamodb:UpdateItem FOLLOWUP#*",
                        "dynamodb:DeleteItem FOLLOWUP#*",
                        "ses:SendEmail ");
        granted.forEach((function, grants) -> {
            if (!function.equals("notifyFollowUp") && !function.equals("deliverInvitations")) {
                assertThat(grants).as(function + " sends no e-mail").noneMatch(g -> g.startsWith("ses:"));
            }
        });
    }

    @Test
    void aNewFollowUpsNoticeReachesTheNotifierThroughTheStreamWithRetriesBisectAndADeadLetterQueue() {
        Map<String, Object> table = map(Deployment.resources(template), "SymmetryTable", "Properties");
        assertThat(at(table, "StreamSpecification", "StreamViewType"))
                .as("keys only: no answer, comment or address in the stream")
                .isEqualTo("KEYS_ONLY");
        Map<String, Object> events =
                map(Deployment.resources(template), "NotifyFollowUpFunction", "Properties", "Events");
        assertThat(events).hasSize(1);
        Map<String, Object> stream = map(events.values().iterator().next());
        assertThat(stream.get("Type")).isEqualTo("DynamoDB");
        Map<String, Object> p = map(stream, "Properties");
        assertThat(p.get("Stream")).isEqualTo(Map.of("Fn::GetAtt", List.of("SymmetryTable", "StreamArn")));
        assertThat(p.get("BisectBatchOnFunctionError")).isEqualTo(true);
        assertThat((Integer) p.get("MaximumRetryAttempts")).isPositive();
        assertThat(list(p, "FunctionResponseTypes")).containsExactly("ReportBatchItemFailures");
        assertThat(at(p, "DestinationConfig", "OnFailure", "Destination"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("FollowUpNoticeDeadLetterQueue", "Arn")));
        // the filter lets the notices alone through: what SymmetryTable.noticeOf reads back
        String pattern = (String) at(list(p, "FilterCriteria", "Filters").get(0), "Pattern");
        assertThat(pattern).contains("\"INSERT\"").contains("\"NOTIFY\"");
        assertThat(SymmetryTable.noticeOf("FOLLOWUP#abc", "NOTIFY")).contains("abc");
        assertThat(SymmetryTable.noticeOf("FOLLOWUP#abc", "CONTACT")).isEmpty();
        Set<String> alarmedQueues = new HashSet<>();
        Deployment.resourcesOfType(template, "AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            if ("AWS/SQS".equals(at(alarm, "Properties", "Namespace"))) {
                alarmedQueues.add(String.valueOf(
                        list(list(alarm, "Properties", "Dimensions").get(0), "Value", "Fn::GetAtt")
                                .get(0)));
            }
        });
        assertThat(alarmedQueues).contains("FollowUpNoticeDeadLetterQueue");
    }

    /** function → "action prefixes…" it is allowed, from every statement. */
    private Map<String, Set<String>> grantsByFunction(Map<String, String> exports) {
        Map<String, Set<String>> granted = new TreeMap<>();
        Deployment.resourcesOfType(template, "AWS::Serverless::Function").forEach((id, fn) -> {
            Set<String> grants = new HashSet<>();
            for (Object policy : list(fn, "Properties", "Policies")) {
                for (Object statement : list(policy, "Statement")) {
                    String keys =
                            list(statement, "Condition", "ForAllValues:StringLike", "dynamodb:LeadingKeys").stream()
                                    .map(String::valueOf)
                                    .collect(Collectors.joining(" "));
                    list(statement, "Action").stream()
                            .filter(a -> !READ_KEY_SECRET.equals(a))
                            .forEach(a -> grants.add(a + " " + keys));
                }
            }
            granted.put(exports.get(id), grants);
        });
        return granted;
    }

    /** The two statements beside DynamoDB: sending as the one SES identity, from the one address; queueing invitations. */
    static final Map<String, Object> SEND_AS_THE_IDENTITY = Map.of(
            "Sid", "SendAsTheIdentity",
            "Effect", "Allow",
            "Action", List.of("ses:SendEmail"),
            "Resource",
                    List.of(Map.of(
                            "Fn::Sub",
                            "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${MailIdentity}")),
            "Condition", Map.of("StringEquals", Map.of("ses:FromAddress", Map.of("Ref", "MailFrom"))));

    static final Map<String, Object> QUEUE_INVITATIONS = Map.of(
            "Sid",
            "QueueInvitations",
            "Effect",
            "Allow",
            "Action",
            List.of("sqs:SendMessage"),
            "Resource",
            List.of(Map.of("Fn::GetAtt", List.of("InvitationQueue", "Arn"))));

    private static void checkStatement(String id, Map<String, Object> statement, List<String> problems) {
        if (statement.equals(SEND_AS_THE_IDENTITY) && id.equals("DeliverInvitationsFunction")
                || statement.equals(QUEUE_INVITATIONS) && id.equals("SendInvitationsFunction")) {
            return;
        }
        if (!"Allow".equals(statement.get("Effect"))) {
            problems.add(id + ": only Allow statements");
        }
        if (list(statement, "Action").equals(List.of(READ_KEY_SECRET))) {
            if (!list(statement, "Resource").equals(List.of(KEY_SECRET_ARN))) {
                problems.add(id + ": the key secret's read names another resource than the secret");
            }
            return;
        }
        if (list(statement, "Action").equals(List.of("ses:SendEmail"))) {
            // e-mail: from the one identity the deployer names, nothing else of SES
            if (!list(statement, "Resource").equals(List.of(SES_IDENTITY))) {
                problems.add(id + ": ses:SendEmail on " + list(statement, "Resource") + ", not the one identity");
            }
            return;
        }
        for (Object action : list(statement, "Action")) {
            if (!(action instanceof String a) || a.contains("*") || !a.startsWith("dynamodb:")) {
                problems.add(id + ": action " + action);
            }
        }
        if (statement.containsKey("NotAction") || statement.containsKey("NotResource")) {
            problems.add(id + ": NotAction/NotResource");
        }
        for (Object resource : list(statement, "Resource")) {
            if (!TABLE_ARN.equals(resource) && !INDEX_ARN.equals(resource)) {
                problems.add(id + ": resource " + resource + " is neither the table nor its index");
            }
        }
        if (list(statement, "Condition", "ForAllValues:StringLike", "dynamodb:LeadingKeys")
                .isEmpty()) {
            problems.add(id + ": no dynamodb:LeadingKeys condition");
        }
    }

    @Test
    void theTableIsTheOneTheCodeCreates() {
        CreateTableRequest expected = new SymmetryTable("symmetry").definition();
        Map<String, Object> table = map(Deployment.resources(template), "SymmetryTable");
        assertThat(table.get("Type")).isEqualTo("AWS::DynamoDB::Table");
        Map<String, Object> p = map(table, "Properties");
        assertThat(p.get("BillingMode")).isEqualTo(expected.billingModeAsString());
        assertThat(p.get("AttributeDefinitions"))
                .isEqualTo(expected.attributeDefinitions().stream()
                        .map(TemplateTest::attribute)
                        .toList());
        assertThat(p.get("KeySchema")).isEqualTo(keys(expected.keySchema()));
        List<Object> indexes = list(p, "GlobalSecondaryIndexes");
        assertThat(indexes).hasSize(expected.globalSecondaryIndexes().size());
        for (int i = 0; i < indexes.size(); i++) {
            GlobalSecondaryIndex gsi = expected.globalSecondaryIndexes().get(i);
            assertThat(indexes.get(i))
                    .isEqualTo(Map.of(
                            "IndexName",
                            gsi.indexName(),
                            "KeySchema",
                            keys(gsi.keySchema()),
                            "Projection",
                            Map.of("ProjectionType", gsi.projection().projectionTypeAsString())));
        }
        assertThat(at(p, "TimeToLiveSpecification"))
                .isEqualTo(Map.of("AttributeName", SymmetryTable.TTL, "Enabled", true));
        assertThat(at(p, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"))
                .isEqualTo(true);
        assertThat(at(p, "SSESpecification", "SSEEnabled")).isEqualTo(true);
        assertThat(p.get("DeletionProtectionEnabled")).isEqualTo(Map.of("Ref", "TableDeletionProtection"));
        assertThat(p).doesNotContainKeys("TableName", "ProvisionedThroughput", "LocalSecondaryIndexes");
    }

    @Test
    void everyFunctionHasFailureAndThrottleAlarmsAndTheScheduleHasRetriesAndADeadLetterQueue() {
        Set<String> alarmed = new HashSet<>();
        Deployment.resourcesOfType(template, "AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            Object dimension = list(alarm, "Properties", "Dimensions").get(0);
            Object fn = at(dimension, "Value", "Ref");
            String namespace = String.valueOf(at(alarm, "Properties", "Namespace"));
            String metric = String.valueOf(at(alarm, "Properties", "MetricName"));
            // every refusal is a Lambda error (the gateway picks the status from the message): never alarmed on
            assertThat(namespace + "/" + metric).as(id).isNotEqualTo("AWS/Lambda/Errors");
            if (namespace.equals(FailureMetric.NAMESPACE)) {
                // the metric the functions write (FailureMetric), keyed by the Lambda function's name as they write it
                assertThat(metric).as(id).isEqualTo(FailureMetric.METRIC);
                assertThat(at(dimension, "Name")).as(id).isEqualTo(FailureMetric.DIMENSION);
                alarmed.add(fn + "/Failures");
            } else {
                alarmed.add(fn + "/" + metric);
            }
        });
        Deployment.exports(template)
                .keySet()
                .forEach(id -> assertThat(alarmed).contains(id + "/Failures", id + "/Throttles"));
        Map<String, Object> api5xx = map(Deployment.resources(template), "Api5xxAlarm", "Properties");
        assertThat(api5xx.get("Namespace")).isEqualTo("AWS/ApiGateway");
        assertThat(api5xx.get("MetricName")).isEqualTo("5XXError");
        assertThat(at(Deployment.resources(template), "AggregationDeadLettersAlarm", "Properties", "MetricName"))
                .isEqualTo("ApproximateNumberOfMessagesVisible");
        Map<String, Object> schedule =
                map(Deployment.resources(template), "AggregateSnapshotsFunction", "Properties", "Events", "Schedule");
        assertThat(schedule.get("Type")).isEqualTo("Schedule");
        assertThat((Integer) at(schedule, "Properties", "RetryPolicy", "MaximumRetryAttempts"))
                .isPositive();
        assertThat(at(schedule, "Properties", "DeadLetterConfig", "Arn"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("AggregationDeadLetterQueue", "Arn")));
        assertThat(map(template, "Outputs")).containsKeys("ApiUrl", "TableName", "PublicUrl");
    }

    private static Map<String, Object> attribute(AttributeDefinition a) {
        return Map.of("AttributeName", a.attributeName(), "AttributeType", a.attributeTypeAsString());
    }

    private static List<Map<String, Object>> keys(List<KeySchemaElement> keys) {
        return keys.stream()
                .map(k -> Map.<String, Object>of("AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString()))
                .toList();
    }
}
