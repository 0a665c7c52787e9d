package app.symmetry.access;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A REQUEST Lambda authorizer's answer to API Gateway: allow the whole API for this key (the answer
 * is cached per key for every method, so it must not name one), and hand the key's id, role and scope
 * to the request templates as {@code $context.authorizer.keyId/role/scope}. The functions decide what
 * the role may do.
 */
@RegisterForReflection
public record GatewayPolicy(String principalId, PolicyDocument policyDocument, Map<String, String> context) {

    @RegisterForReflection
    public record PolicyDocument(
            @JsonProperty("Version") String version,
            @JsonProperty("Statement") List<Statement> statement) {}

    @RegisterForReflection
    public record Statement(
            @JsonProperty("Action") String action,
            @JsonProperty("Effect") String effect,
            @JsonProperty("Resource") String resource) {}

    public static GatewayPolicy allow(Caller caller, String methodArn) {
        return new GatewayPolicy(
                caller.keyId(),
                new PolicyDocument(
                        "2012-10-17", List.of(new Statement("execute-api:Invoke", "Allow", wholeApi(methodArn)))),
                Map.of(
                        "keyId",
                        caller.keyId(),
                        "role",
                        caller.role().wireName(),
                        "scope",
                        caller.scope().wireForm()));
    }

    /** {@code arn:…:apiId/stage/GET/listUnits} → {@code arn:…:apiId/stage/*}. */
    static String wholeApi(String methodArn) {
        String[] parts = methodArn.split("/", 3);
        return parts.length < 2 ? methodArn : parts[0] + "/" + parts[1] + "/*";
    }
}
