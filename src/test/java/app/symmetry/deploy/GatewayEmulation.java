package app.symmetry.deploy;

import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What API Gateway (a REST API, non-proxy Lambda integration) does with the mapping templates and
 * integration responses of openapi.yaml, emulated from AWS's documentation ("Variables for data
 * transformations for API Gateway", "x-amazon-apigateway-integration.responses object",
 * IntegrationResponse.selectionPattern):
 * <ul>
 * <li>templates are Velocity (1.7 semantics: {@code #if} tests null and false only, backward-compatible
 * whitespace);</li>
 * <li>{@code $input.json(x)} is the JSONPath {@code x} of the body as JSON text, {@code $input.path(x)} the
 * object, {@code $input.body} the raw text, {@code $input.params()} the map {@code path}/{@code querystring}/
 * {@code header}, {@code $input.params(x)} one value searched in path, then query string, then header;</li>
 * <li>the header map is keyed by the names as the client sent them and looked up exactly: the documentation
 * promises no case-insensitive lookup, and HTTP/2 clients send lower-case names, so a template must not
 * depend on a header's case ({@code $context.identity.userAgent} is the documented way to the user agent);</li>
 * <li>{@code $util.escapeJavaScript} escapes with JavaScript string rules, single quotes included as
 * {@code \'} (which AWS documents as not valid JSON: templates turn them back with
 * {@code .replaceAll("\\'","'")}); the other {@code $util} functions as documented;</li>
 * <li>a body that is not JSON never reaches the template of a method with body validation (every POST here):
 * the request validator refuses it with BAD_REQUEST_BODY ({@link Refused});</li>
 * <li>integration responses: for a Lambda integration the {@code selectionPattern} regex (Java syntax, whole
 * string) is matched against the {@code errorMessage} of a function error; a successful invocation has no
 * errorMessage and is matched as the empty string ("if the success response returns nothing and the error
 * response returns some string, you could use the .+ regex"), so a pattern that matches the empty string
 * would turn successes into errors. No match: the {@code default} response. Without a response template the
 * integration's body passes through.</li>
 * </ul>
 * Where AWS's documentation is silent (the order in which several matching patterns are tried), this
 * emulation refuses the ambiguity instead of choosing.
 */
final class GatewayEmulation {

    /** A body is one JSON value: text after it (a splice) makes it invalid, as for the request validator. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private GatewayEmulation() {}

    /** A method request as it reaches API Gateway. Headers in the order and case the client sent them. */
    record Request(
            String httpMethod,
            String resourcePath,
            Map<String, String> headers,
            Map<String, String> query,
            String body,
            String sourceIp,
            Map<String, String> stageVariables,
            Map<String, String> authorizer) {

        Request(
                String httpMethod,
                String resourcePath,
                Map<String, String> headers,
                Map<String, String> query,
                String body,
                String sourceIp,
                Map<String, String> stageVariables) {
            this(httpMethod, resourcePath, headers, query, body, sourceIp, stageVariables, Map.of());
        }

        static Request post(String path, String body, String sourceIp, Map<String, String> headers) {
            return new Request("POST", path, headers, Map.of(), body, sourceIp, Map.of());
        }

        static Request get(String path, Map<String, String> query, String sourceIp) {
            return new Request("GET", path, Map.of("User-Agent", "Mozilla/5.0 (test)"), query, "", sourceIp, Map.of());
        }

        Request withStageVariables(Map<String, String> variables) {
            return new Request(httpMethod, resourcePath, headers, query, body, sourceIp, variables, authorizer);
        }

        /** What a Lambda authorizer's context returned: {@code $context.authorizer.<key>}, each value a string. */
        Request withAuthorizer(Map<String, String> context) {
            return new Request(httpMethod, resourcePath, headers, query, body, sourceIp, stageVariables, context);
        }
    }

    /** The gateway answered the client itself; the integration was not called. */
    static final class Refused extends RuntimeException {
        final String gatewayResponse;

        Refused(String gatewayResponse, String why) {
            super(gatewayResponse + ": " + why);
            this.gatewayResponse = gatewayResponse;
        }
    }

    /** What the Lambda invocation gave back: a result, or a function error object ({@code errorMessage}, {@code errorType}, …). */
    record Invocation(boolean functionError, String payload) {

        static Invocation success(String resultJson) {
            return new Invocation(false, resultJson);
        }

        static Invocation error(String errorObjectJson) {
            return new Invocation(true, errorObjectJson);
        }
    }

    /** The method response the client gets. */
    record Response(int status, String body, String selectedBy) {}

    /** The integration request body: the method's request template rendered on the request. */
    static String integrationRequest(String template, Request request) {
        boolean validatedBody = request.httpMethod().equals("POST");
        Input input = new Input(request.body(), request.query(), request.headers(), validatedBody);
        if (validatedBody) {
            input.parsed(); // the request validator reads the body before any template
        }
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", userAgent(request.headers()));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("identity", identity);
        context.put("authorizer", new LinkedHashMap<>(request.authorizer()));
        context.put("requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        context.put("extendedRequestId", "abcdEFGHijkl=");
        context.put("stage", "v1");
        context.put("httpMethod", request.httpMethod());
        context.put("resourcePath", request.resourcePath());
        context.put("path", "/v1" + request.resourcePath());
        context.put("apiId", "a1b2c3d4e5");
        context.put("requestTimeEpoch", 1_764_450_000_000L);
        return render(template, input, context, request.stageVariables());
    }

    /** The integration response chosen for an invocation, and the method response it makes. */
    static Response methodResponse(Map<String, Object> responses, Invocation invocation) {
        String subject = "";
        if (invocation.functionError()) {
            Object message = parse(invocation.payload()) instanceof Map<?, ?> error ? error.get("errorMessage") : null;
            subject = message == null ? "" : message.toString();
        }
        String selected = "default";
        for (String pattern : responses.keySet()) {
            if (!pattern.equals("default")
                    && Pattern.compile(pattern).matcher(subject).matches()) {
                if (!selected.equals("default")) {
                    throw new IllegalStateException("both " + selected + " and " + pattern + " match " + subject);
                }
                selected = pattern;
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> response = (Map<String, Object>) responses.get(selected);
        if (response == null) {
            throw new Refused("API_CONFIGURATION_ERROR", "no integration response for " + subject);
        }
        int status = Integer.parseInt(String.valueOf(response.get("statusCode")));
        @SuppressWarnings("unchecked")
        Map<String, Object> templates = (Map<String, Object>) response.get("responseTemplates");
        Object template = templates == null ? null : templates.get("application/json");
        String body = template == null
                ? invocation.payload()
                : render(
                        (String) template,
                        new Input(invocation.payload(), Map.of(), Map.of(), false),
                        Map.of(),
                        Map.of());
        return new Response(status, body, selected);
    }

    private static String userAgent(Map<String, String> headers) {
        // $context.identity.userAgent is the caller's User-Agent header, whatever its case on the wire.
        return headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("User-Agent"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static String render(
            String template, Input input, Map<String, Object> context, Map<String, String> stageVariables) {
        Properties p = new Properties();
        p.setProperty("parser.space_gobbling", "bc");
        p.setProperty("directive.if.empty_check", "false");
        p.setProperty("runtime.strict_mode.enable", "false");
        VelocityEngine engine = new VelocityEngine(p);
        engine.init();
        VelocityContext vars = new VelocityContext();
        vars.put("input", input);
        vars.put("util", new Util());
        vars.put("context", context);
        vars.put("stageVariables", stageVariables);
        StringWriter out = new StringWriter();
        engine.evaluate(vars, out, "mapping-template", template);
        return out.toString();
    }

    static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new Refused("BAD_REQUEST_BODY", "not JSON: " + e.getOriginalMessage());
        }
    }

    /** {@code $input}. Public with public methods: Velocity calls them reflectively. */
    public static final class Input {
        private final String body;
        private final Map<String, Map<String, String>> params;
        private final boolean validated;

        Input(String body, Map<String, String> query, Map<String, String> headers, boolean validated) {
            this.body = body;
            this.validated = validated;
            this.params = new LinkedHashMap<>();
            params.put("path", new LinkedHashMap<>());
            params.put("querystring", new LinkedHashMap<>(query));
            params.put("header", new LinkedHashMap<>(headers));
        }

        Object parsed() {
            if (body == null || body.isEmpty()) {
                if (validated) {
                    throw new Refused("BAD_REQUEST_BODY", "no body");
                }
                return Map.of();
            }
            return parse(body);
        }

        public String getBody() {
            return body;
        }

        public String json(String path) throws JsonProcessingException {
            return JSON.writeValueAsString(select(parsed(), path));
        }

        public Object path(String path) {
            return select(parsed(), path);
        }

        public Map<String, Map<String, String>> params() {
            return params;
        }

        public String params(String name) {
            for (String where : List.of("path", "querystring", "header")) {
                String value = params.get(where).get(name);
                if (value != null) {
                    return value;
                }
            }
            return null;
        }

        private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_][\\w-]*)|\\['([^']*)'\\]");

        /** JSONPath: {@code $}, then {@code .name} or {@code ['name']} steps (what the templates here use). */
        private static Object select(Object root, String path) {
            if (!path.startsWith("$")) {
                throw new IllegalArgumentException("JSONPath must start with $: " + path);
            }
            Object at = root;
            Matcher step = STEP.matcher(path);
            int from = 1;
            while (from < path.length()) {
                if (!step.find(from) || step.start() != from) {
                    throw new IllegalArgumentException("unsupported JSONPath " + path);
                }
                String name = step.group(1) != null ? step.group(1) : step.group(2);
                at = at instanceof Map<?, ?> m ? m.get(name) : null;
                from = step.end();
            }
            return at;
        }
    }

    /** {@code $util}. */
    public static final class Util {

        /** JavaScript string rules: quotes (single ones too), backslash, slash, controls and non-ASCII as escapes. */
        public String escapeJavaScript(String text) {
            if (text == null) {
                return null;
            }
            StringBuilder out = new StringBuilder(text.length() + 16);
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '\'' -> out.append("\\'");
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '/' -> out.append("\\/");
                    case '\b' -> out.append("\\b");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    case '\f' -> out.append("\\f");
                    case '\r' -> out.append("\\r");
                    default -> {
                        if (c < 0x20 || c > 0x7e) {
                            out.append(String.format("\\u%04X", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.toString();
        }

        public Object parseJson(String json) {
            return parse(json);
        }

        public String urlEncode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }

        public String urlDecode(String text) {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }

        public String base64Encode(String text) {
            return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        public String base64Decode(String text) {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        }
    }
}
