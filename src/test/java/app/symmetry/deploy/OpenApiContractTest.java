package app.symmetry.deploy;

import static app.symmetry.deploy.Deployment.at;
import static app.symmetry.deploy.Deployment.list;
import static app.symmetry.deploy.Deployment.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.function.request.AccessRequests;
import app.symmetry.function.request.AggregationRequests;
import app.symmetry.function.request.AnswerRequests;
import app.symmetry.function.request.CampaignRequests;
import app.symmetry.function.request.CommentRequests;
import app.symmetry.function.request.FollowUpRequests;
import app.symmetry.function.request.InvitationRequests;
import app.symmetry.function.request.LinkRequests;
import app.symmetry.function.request.SnapshotRequests;
import app.symmetry.local.LocalGateway;

/** The OpenAPI document against the Java functions and against template.yaml. */
class OpenApiContractTest {

    static final Pattern FUNCTION_ARN = Pattern.compile("\\$\\{(\\w+)\\.Arn}:live/invocations$");
    /** The ARN built from the function's name: for the functions that wait for the distribution (docs/deploy.md). */
    static final Pattern FUNCTION_BY_NAME = Pattern.compile(
            ":lambda:\\$\\{AWS::Region}:\\$\\{AWS::AccountId}:function:(\\$\\{AWS::StackName}-\\w+):live/invocations$");

    static final String ERROR_TEMPLATE = "$input.path('$.errorMessage')";

    final Map<String, Object> doc = Deployment.openApi();
    final Map<String, Object> template = Deployment.template();

    /** What each function accepts: the constants its request is read with. */
    static Map<String, Set<String>> requestFields() {
        Map<String, Set<String>> f = new LinkedHashMap<>();
        f.put("submitFeedback", new LinkedHashSet<>(AnswerRequests.CUSTOMER_FIELDS));
        f.put("submitPulse", new LinkedHashSet<>(AnswerRequests.PULSE_FIELDS));
        f.put("getForm", new LinkedHashSet<>(LinkRequests.GET_FORM_FIELDS));
        f.put("listUnits", Set.of());
        f.put("issueLinks", new LinkedHashSet<>(LinkRequests.ISSUE_LINKS_FIELDS));
        f.put("issueUnitCode", new LinkedHashSet<>(LinkRequests.ISSUE_UNIT_CODE_FIELDS));
        f.put("revokeUnitCode", new LinkedHashSet<>(LinkRequests.REVOKE_FIELDS));
        f.put("revokeLinkBatch", new LinkedHashSet<>(LinkRequests.REVOKE_BATCH_FIELDS));
        f.put("aggregateSnapshots", new LinkedHashSet<>(AggregationRequests.RANGE_FIELDS));
        f.put("getSnapshot", new LinkedHashSet<>(SnapshotRequests.GET_FIELDS));
        f.put("listSnapshots", new LinkedHashSet<>(SnapshotRequests.LIST_FIELDS));
        f.put("listComments", new LinkedHashSet<>(CommentRequests.LIST_FIELDS));
        f.put("createApiKey", new LinkedHashSet<>(AccessRequests.CREATE_FIELDS));
        f.put("listApiKeys", new LinkedHashSet<>(AccessRequests.LIST_FIELDS));
        f.put("revokeApiKey", new LinkedHashSet<>(AccessRequests.REVOKE_FIELDS));
        f.put("listAuditLog", new LinkedHashSet<>(AccessRequests.AUDIT_FIELDS));
        f.put("listCampaigns", new LinkedHashSet<>(CampaignRequests.LIST_FIELDS));
        f.put("startPulseCampaign", new LinkedHashSet<>(CampaignRequests.START_FIELDS));
        f.put("listFollowUps", new LinkedHashSet<>(FollowUpRequests.LIST_FIELDS));
        f.put("updateFollowUp", new LinkedHashSet<>(FollowUpRequests.UPDATE_FIELDS));
        f.put("eraseContact", new LinkedHashSet<>(FollowUpRequests.ERASE_FIELDS));
        f.put("sendInvitations", new LinkedHashSet<>(InvitationRequests.SEND_FIELDS));
        f.put("getInvitationBatch", new LinkedHashSet<>(InvitationRequests.BATCH_FIELDS));
        return f;
    }

    @Test
    void theDocumentIsValidOpenApi() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result =
                new OpenAPIV3Parser().readContents(Files.readString(Deployment.OPENAPI), null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.0.");
        assertThat(new OpenAPIParser()
                        .readContents(Files.readString(Deployment.OPENAPI), null, options)
                        .getMessages())
                .isEmpty();
    }

    @Test
    void everyPathMapsToOneDeployedFunctionOfTheSameName() {
        Map<String, String> exports = Deployment.exports(template);
        Set<String> paths = new TreeSet<>();
        Deployment.operations(doc).forEach((path, ops) -> {
            assertThat(ops).as(path).isNotEmpty();
            String name = path.substring(1);
            paths.add(name);
            ops.forEach((method, op) -> {
                String uri = (String) at(op, "x-amazon-apigateway-integration", "uri", "Fn::Sub");
                assertThat(uri).as(path + " " + method).isNotNull();
                String function = invokedFunction(uri);
                assertThat(exports.get(function))
                        .as(path + " " + method + " invokes " + function)
                        .isEqualTo(name);
                assertThat(at(op, "x-amazon-apigateway-integration", "type"))
                        .as("non-proxy")
                        .isEqualTo("aws");
                assertThat(at(op, "x-amazon-apigateway-integration", "passthroughBehavior"))
                        .isEqualTo("never");
                // API Gateway may invoke the alias, for exactly this method and path.
                String logical = function.replace("Function", "") + "Invoke" + Character.toUpperCase(method.charAt(0))
                        + method.substring(1);
                Map<String, Object> permission = map(Deployment.resources(template), logical);
                assertThat(at(permission, "Properties", "FunctionName")).isEqualTo(Map.of("Ref", function + ".Alias"));
                assertThat((String) at(permission, "Properties", "SourceArn", "Fn::Sub"))
                        .endsWith("/" + method.toUpperCase() + path);
            });
            boolean isProtected = ops.values().stream()
                    .allMatch(op -> list(op, "security").contains(Map.of("symmetry_key", List.of())));
            boolean isPublic =
                    ops.values().stream().allMatch(op -> list(op, "security").isEmpty());
            assertThat(isProtected || isPublic).as(path).isTrue();
            assertThat(isProtected)
                    .as(path + " is protected exactly when the local gateway protects it")
                    .isEqualTo(LocalGateway.PROTECTED.contains(name));
        });
        // The authorizer is called by API Gateway for the protected methods, never by a path of its own.
        Set<String> deployed = new TreeSet<>(exports.values());
        deployed.removeAll(LocalGateway.GATEWAY_ONLY);
        // the invitations' sender is invoked by its queue only
        deployed.removeAll(LocalGateway.QUEUE_ONLY);
        assertThat(paths).isEqualTo(deployed);
        Map<String, Object> scheme = map(doc, "components", "securitySchemes", "symmetry_key");
        assertThat(scheme)
                .containsEntry("type", "apiKey")
                .containsEntry("name", "x-api-key")
                .containsEntry("in", "header")
                .containsEntry("x-amazon-apigateway-authtype", "custom");
        assertThat(at(scheme, "x-amazon-apigateway-authorizer", "type")).isEqualTo("request");
        assertThat(at(scheme, "x-amazon-apigateway-authorizer", "identitySource"))
                .isEqualTo("method.request.header.x-api-key");
        assertThat(at(scheme, "x-amazon-apigateway-authorizer", "authorizerResultTtlInSeconds"))
                .isEqualTo(300);
        Matcher authorizer =
                FUNCTION_ARN.matcher((String) at(scheme, "x-amazon-apigateway-authorizer", "authorizerUri", "Fn::Sub"));
        assertThat(authorizer.find()).isTrue();
        assertThat(exports.get(authorizer.group(1))).isEqualTo("authorizeApiKey");
        Map<String, Object> permission = map(Deployment.resources(template), "AuthorizeApiKeyInvokeByGateway");
        assertThat(at(permission, "Properties", "FunctionName"))
                .isEqualTo(Map.of("Ref", "AuthorizeApiKeyFunction.Alias"));
        assertThat((String) at(permission, "Properties", "SourceArn", "Fn::Sub"))
                .endsWith("${SymmetryApi}/authorizers/*");
    }

    /** The function an integration URI invokes: by reference to its ARN, or by its name, which must then be exactly the function's. */
    private String invokedFunction(String uri) {
        Matcher byArn = FUNCTION_ARN.matcher(uri);
        if (byArn.find()) {
            return byArn.group(1);
        }
        Matcher byName = FUNCTION_BY_NAME.matcher(uri);
        assertThat(byName.find())
                .as("the integration invokes a function's live alias: " + uri)
                .isTrue();
        List<String> named = new ArrayList<>();
        Deployment.resourcesOfType(template, "AWS::Serverless::Function").forEach((id, fn) -> {
            if (Map.of("Fn::Sub", byName.group(1)).equals(at(fn, "Properties", "FunctionName"))) {
                named.add(id);
            }
        });
        assertThat(named).as("exactly one function is named " + byName.group(1)).hasSize(1);
        return named.get(0);
    }

    @Test
    void theAnswerFunctionsGetTheGatewayEnvelopeAndGetsTheirQueryAsJson() {
        Deployment.operations(doc)
                .forEach((path, ops) -> ops.forEach((method, op) -> {
                    String template =
                            (String) at(op, "x-amazon-apigateway-integration", "requestTemplates", "application/json");
                    boolean isProtected = LocalGateway.PROTECTED.contains(path.substring(1));
                    // Only the authorizer's context names the caller; whatever the client sends cannot stand beside it.
                    String caller =
                            "\"caller\": \"$util.escapeJavaScript($context.authorizer.keyId)|$util.escapeJavaScript($context.authorizer.role)"
                                    + "|$util.escapeJavaScript($context.authorizer.scope)\"";
                    if (method.equals("get")) {
                        assertThat(template).as(path).contains("$input.params().querystring");
                        if (isProtected) {
                            assertThat(template)
                                    .as(path)
                                    .contains("#if($k != \"caller\")")
                                    .endsWith(caller + "}");
                        } else {
                            assertThat(template).as(path).doesNotContain("caller");
                        }
                    } else if (path.equals("/submitFeedback") || path.equals("/submitPulse")) {
                        assertThat(template)
                                .contains("{\"body\": $input.json('$'), \"origin\": {\"sourceIp\": ")
                                .contains("\"userAgent\": ");
                    } else if (isProtected) {
                        assertThat(template).as(path).isEqualTo("{\"body\": $input.json('$'), " + caller + "}");
                    } else {
                        assertThat(template).as(path).isEqualTo("$input.json('$')");
                    }
                }));
    }

    @Test
    void requestSchemasListExactlyTheFieldsTheFunctionsAccept() {
        Map<String, Set<String>> expected = requestFields();
        Deployment.operations(doc)
                .forEach((path, ops) -> ops.forEach((method, op) -> {
                    String name = path.substring(1);
                    assertThat(expected).as(path).containsKey(name);
                    Set<String> actual = new TreeSet<>();
                    if (method.equals("get")) {
                        list(op, "parameters").forEach(p -> {
                            assertThat(at(p, "in")).isEqualTo("query");
                            actual.add((String) at(p, "name"));
                        });
                        assertThat(op).doesNotContainKey("requestBody");
                    } else {
                        Map<String, Object> schema =
                                resolve(map(op, "requestBody", "content", "application/json", "schema"));
                        assertThat(schema.get("additionalProperties"))
                                .as(path + ": unknown fields are refused")
                                .isEqualTo(false);
                        actual.addAll(map(schema, "properties").keySet());
                        if (name.equals("submitFeedback")) {
                            Map<String, Object> contact = resolve(map(schema, "properties", "contact"));
                            assertThat(map(contact, "properties").keySet())
                                    .isEqualTo(new LinkedHashSet<>(AnswerRequests.CONTACT_FIELDS));
                            assertThat(contact.get("additionalProperties")).isEqualTo(false);
                        }
                    }
                    assertThat(actual).as(path + " " + method).isEqualTo(new TreeSet<>(expected.get(name)));
                }));
    }

    @Test
    void responseSchemasMatchTheJavaRecordsTheFunctionsReturn() {
        Map<String, Method> funq = Deployment.funqMethods();
        Deployment.operations(doc)
                .forEach((path, ops) -> ops.forEach((method, op) -> {
                    String name = path.substring(1);
                    Map<String, Object> schema = map(op, "responses", "200", "content", "application/json", "schema");
                    assertThat(schema).as(path + " has a response schema").isNotEmpty();
                    Method function = funq.get(name);
                    if (function == null) {
                        assertThat(Deployment.SNAPSHOT_FUNCTION_NAMES)
                                .as(name + " has no @Funq method")
                                .contains(name);
                        assertThat(Deployment.snapshotFunctionsPresent()).isFalse();
                        return;
                    }
                    if (function.getReturnType().isRecord()) {
                        List<String> problems = new ArrayList<>();
                        compare(function.getGenericReturnType(), schema, path, problems);
                        assertThat(problems).as(path).isEmpty();
                    } else {
                        assertThat(Deployment.SNAPSHOT_FUNCTION_NAMES)
                                .as(name + " returns a record")
                                .contains(name);
                    }
                }));
    }

    @Test
    void everyErrorCodeIsMappedToItsStatusOnEveryPath() {
        Deployment.operations(doc)
                .forEach((path, ops) -> ops.forEach((method, op) -> {
                    Map<String, Object> responses = map(op, "x-amazon-apigateway-integration", "responses");
                    assertThat(map(responses, "default").get("statusCode")).isEqualTo("200");
                    for (ErrorCode code : ErrorCode.values()) {
                        String error =
                                new SymmetryException(code, "field", "a \"quoted\" message: \"code\":\"x\"").toString();
                        assertThat(selected(responses, error))
                                .as(path + " " + method + " " + code)
                                .isEqualTo(List.of(String.valueOf(code.httpStatus())));
                        String pattern = matching(responses, error).get(0);
                        assertThat(at(responses, pattern, "responseTemplates", "application/json"))
                                .isEqualTo(ERROR_TEMPLATE);
                        assertThat(map(op, "responses"))
                                .as(path + " declares " + code.httpStatus())
                                .containsKey(String.valueOf(code.httpStatus()));
                    }
                    assertThat(selected(responses, "Could not deserialize input: Unexpected character"))
                            .isEqualTo(List.of("400"));
                    assertThat(selected(responses, "Task timed out after 15.02 seconds"))
                            .isEqualTo(List.of("500"));
                    assertThat(selected(responses, "java.lang.NullPointerException\n\tat x"))
                            .isEqualTo(List.of("500"));
                    assertThat(selected(responses, ""))
                            .as("a success selects the default response")
                            .isEmpty();
                }));
    }

    /** The statuses of the integration responses whose selectionPattern matches the whole errorMessage, as API Gateway does. */
    private static List<String> selected(Map<String, Object> responses, String errorMessage) {
        return matching(responses, errorMessage).stream()
                .map(p -> (String) at(responses, p, "statusCode"))
                .toList();
    }

    private static List<String> matching(Map<String, Object> responses, String errorMessage) {
        return responses.keySet().stream()
                .filter(p -> !p.equals("default"))
                .filter(p -> Pattern.compile(p).matcher(errorMessage).matches())
                .toList();
    }

    private Map<String, Object> resolve(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        String prefix = "#/components/schemas/";
        assertThat((String) ref).startsWith(prefix);
        return resolve(map(doc, "components", "schemas", ((String) ref).substring(prefix.length())));
    }

    private void compare(Type type, Map<String, Object> schemaOrRef, String where, List<String> problems) {
        Map<String, Object> schema = resolve(schemaOrRef);
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        String schemaType = (String) schema.get("type");
        if (raw.isRecord()) {
            if (!"object".equals(schemaType)) {
                problems.add(where + ": " + raw.getSimpleName() + " is an object, schema says " + schemaType);
                return;
            }
            Map<String, Object> properties = map(schema, "properties");
            Set<String> components = new LinkedHashSet<>();
            Set<String> required = new TreeSet<>();
            boolean recordNonNull = nonNull(raw.getAnnotation(JsonInclude.class));
            for (RecordComponent c : raw.getRecordComponents()) {
                components.add(c.getName());
                boolean optional = recordNonNull || nonNull(c.getAccessor().getAnnotation(JsonInclude.class));
                if (!optional || c.getType().isPrimitive()) {
                    required.add(c.getName());
                }
                if (properties.containsKey(c.getName())) {
                    compare(c.getGenericType(), map(properties, c.getName()), where + "." + c.getName(), problems);
                }
            }
            if (!components.equals(properties.keySet())) {
                problems.add(where + ": properties " + properties.keySet() + " but " + raw.getSimpleName() + " has "
                        + components);
            }
            Set<String> schemaRequired = new TreeSet<>();
            list(schema, "required").forEach(r -> schemaRequired.add((String) r));
            // Components Jackson always writes must be required; @JsonInclude(NON_NULL) ones may be either.
            if (!schemaRequired.containsAll(required) || !components.containsAll(schemaRequired)) {
                problems.add(where + ": required " + schemaRequired + " but " + raw.getSimpleName() + " always writes "
                        + required);
            }
        } else if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            if (!"array".equals(schemaType)) {
                problems.add(where + ": a list, schema says " + schemaType);
            } else {
                compare(
                        ((ParameterizedType) type).getActualTypeArguments()[0],
                        map(schema, "items"),
                        where + "[]",
                        problems);
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            Object additional = schema.get("additionalProperties");
            if (!"object".equals(schemaType) || !(additional instanceof Map<?, ?>)) {
                problems.add(where + ": a map, schema needs type object with additionalProperties");
            } else {
                compare(
                        ((ParameterizedType) type).getActualTypeArguments()[1],
                        map(additional),
                        where + "{}",
                        problems);
            }
        } else {
            String expected = raw == String.class || raw.isEnum()
                    ? "string"
                    : raw == boolean.class || raw == Boolean.class
                            ? "boolean"
                            : raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class
                                    ? "integer"
                                    : raw == double.class
                                                    || raw == float.class
                                                    || raw == Double.class
                                                    || Number.class.isAssignableFrom(raw)
                                            ? "number"
                                            : "unknown " + raw.getName();
            if (!expected.equals(schemaType)) {
                problems.add(where + ": " + raw.getSimpleName() + " is " + expected + ", schema says " + schemaType);
            }
        }
    }

    private static boolean nonNull(JsonInclude include) {
        return include != null && include.value() == JsonInclude.Include.NON_NULL;
    }
}
