package app.symmetry.deploy;

import static app.symmetry.deploy.Deployment.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.symmetry.deploy.GatewayEmulation.Request;

/**
 * A function reached without a caller takes the event for a direct Lambda invocation, which only IAM
 * allows, and serves it as an administrator ({@code Caller.DIRECT}). So a path added to the API
 * without the authorizer, or whose request template forgets to pass the authorizer's verdict, would
 * be an open administrator's door. These checks read the OpenAPI document the stack deploys and the
 * template's functions, and render every request template as API Gateway would: whatever a future
 * path is, it is either one of the public form functions or it hands its function the key's caller,
 * never one the client wrote.
 */
class ProtectedPathsTest {

    /** The only functions anyone may call without a key: a form, and its answers. */
    static final Set<String> PUBLIC_FUNCTIONS = Set.of("getForm", "submitFeedback", "submitPulse");

    /** An integration names its function by the resource's ARN, or by the function name the template gives it. */
    static final Pattern FUNCTION_ARN = Pattern.compile("\\$\\{(\\w+)\\.Arn}|:function:(\\$\\{AWS::StackName}-\\w+)");

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DEVICE = "203.0.113.7";

    /** A viewer's verdict from the authorizer; the client's own claims below try to be an admin. */
    static final Map<String, String> VIEWER =
            Map.of("keyId", "k-viewer", "role", "viewer", "scope", "unit:lyon-part-dieu");

    static final String VIEWER_CALLER = "k-viewer|viewer|unit:lyon-part-dieu";
    static final String FORGED_CALLER = "k-forged|admin|";

    final Map<String, Object> doc = Deployment.openApi();
    final Map<String, Object> template = Deployment.template();
    final Map<String, String> exports = Deployment.exports(template);
    /** {@code ${AWS::StackName}-name} → the function resource that bears that name. */
    final Map<String, String> namedFunctions = new LinkedHashMap<>();

    ProtectedPathsTest() {
        Deployment.resourcesOfType(template, "AWS::Serverless::Function").forEach((id, r) -> {
            Object name = at(r, "Properties", "FunctionName");
            if (name instanceof Map<?, ?> sub && sub.get("Fn::Sub") instanceof String s) {
                namedFunctions.put(s, id);
            }
        });
    }

    @Test
    void aPathWithoutTheAuthorizerIsOnlyEverAFormOrAnAnswer() {
        List<String> open = new ArrayList<>();
        Deployment.operations(doc)
                .forEach((path, ops) -> ops.forEach((method, op) -> {
                    if (!secured(op)) {
                        open.add(method.toUpperCase() + " " + path + " → " + function(op));
                    }
                }));
        assertThat(open)
                .isNotEmpty()
                .allSatisfy(door -> assertThat(PUBLIC_FUNCTIONS)
                        .as(door + " is reachable without a key")
                        .contains(door.substring(door.indexOf("→ ") + 2)));
    }

    @Test
    void aClientCannotWriteItsOwnCallerOnAnyProtectedPath() throws Exception {
        int rendered = 0;
        for (var path : Deployment.operations(doc).entrySet()) {
            for (var entry : path.getValue().entrySet()) {
                Map<String, Object> op = entry.getValue();
                if (!secured(op)) {
                    continue;
                }
                String template =
                        (String) at(op, "x-amazon-apigateway-integration", "requestTemplates", "application/json");
                Request request = entry.getKey().equals("get")
                        ? Request.get(path.getKey(), Map.of("caller", FORGED_CALLER, "limit", "5"), DEVICE)
                        : Request.post(
                                path.getKey(),
                                JSON.writeValueAsString(Map.of("caller", FORGED_CALLER, "unitId", "paris-opera")),
                                DEVICE,
                                Map.of("x-api-key", "whatever", "caller", FORGED_CALLER));
                Map<?, ?> event = JSON.readValue(
                        GatewayEmulation.integrationRequest(template, request.withAuthorizer(VIEWER)), Map.class);
                assertThat(event.get("caller"))
                        .as(entry.getKey().toUpperCase() + " " + path.getKey() + " hands its function the key's caller")
                        .isEqualTo(VIEWER_CALLER);
                rendered++;
            }
        }
        assertThat(rendered).as("protected operations rendered").isGreaterThan(5);
    }

    @Test
    void noFunctionIsServedBothBehindAKeyAndWithoutOne() {
        Map<String, String> byFunction = new LinkedHashMap<>();
        Deployment.operations(doc)
                .forEach((path, ops) -> ops.forEach((method, op) -> {
                    if (secured(op)) {
                        assertThat(PUBLIC_FUNCTIONS)
                                .as(path + " is behind a key, yet its function is also served publicly")
                                .doesNotContain(function(op));
                        byFunction.put(path, function(op));
                    }
                }));
        assertThat(byFunction).isNotEmpty();
    }

    /**
     * Behind the key scheme (the REQUEST authorizer): an operation's own {@code security}, or the
     * document's when it has none, names a requirement ({@code security: []} opens it).
     */
    private boolean secured(Map<String, Object> op) {
        Object security = op.containsKey("security") ? op.get("security") : doc.get("security");
        return security instanceof List<?> list && !list.isEmpty();
    }

    /** The function an operation invokes: its integration names a template resource, whose export names it. */
    private String function(Map<String, Object> op) {
        String uri = JSON.valueToTree(at(op, "x-amazon-apigateway-integration", "uri"))
                .toString();
        Matcher m = FUNCTION_ARN.matcher(uri);
        assertThat(m.find()).as("integration names a function: " + uri).isTrue();
        String resource = m.group(1) != null ? m.group(1) : namedFunctions.get(m.group(2));
        String export = exports.get(resource);
        assertThat(export).as(m.group() + " is a function of template.yaml").isNotNull();
        return export;
    }
}
