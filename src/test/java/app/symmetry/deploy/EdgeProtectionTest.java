package app.symmetry.deploy;

import static app.symmetry.deploy.Deployment.at;
import static app.symmetry.deploy.Deployment.list;
import static app.symmetry.deploy.Deployment.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.symmetry.error.ErrorCode;

/**
 * Issue 15, item 7: abuse of the public API and pages, checked on the template as CloudFormation
 * receives it ({@link SamExpansion}), each claim against what it must match elsewhere in the same
 * template or in the product (the pages in src/web, the error contract, the local body limit).
 */
class EdgeProtectionTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, Object> expanded(String job) throws Exception {
        return SamExpansion.get().expanded(job);
    }

    static Map<String, Object> distribution(Map<String, Object> t) {
        return map(Deployment.resources(t), "WebDistribution", "Properties", "DistributionConfig");
    }

    static Map<String, Object> webAcl(Map<String, Object> t) {
        Map<String, Map<String, Object>> acls = Deployment.resourcesOfType(t, "AWS::WAFv2::WebACL");
        assertThat(acls).hasSize(1);
        return map(acls.values().iterator().next(), "Properties");
    }

    static Map<String, Object> rule(Map<String, Object> acl, String name) {
        return list(acl, "Rules").stream()
                .map(r -> map(r))
                .filter(r -> name.equals(r.get("Name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + name));
    }

    @Test
    void aDirectCallToTheApiThatSkipsCloudFrontIsBlocked() throws Exception {
        Map<String, Object> t = expanded("defaults");
        Map<String, Object> acl = webAcl(t);
        assertThat(acl.get("Scope")).isEqualTo("REGIONAL");
        // associated with the API's own stage
        Map<String, Map<String, Object>> associations = Deployment.resourcesOfType(t, "AWS::WAFv2::WebACLAssociation");
        assertThat(associations).hasSize(1);
        Map<String, Object> association = map(associations.values().iterator().next(), "Properties");
        String restApi = Deployment.resourcesOfType(t, "AWS::ApiGateway::RestApi")
                .keySet()
                .iterator()
                .next();
        Map<String, Map<String, Object>> stages = Deployment.resourcesOfType(t, "AWS::ApiGateway::Stage");
        assertThat(stages).hasSize(1);
        String stage = stages.keySet().iterator().next();
        assertThat(at(stages.get(stage), "Properties", "RestApiId")).isEqualTo(Map.of("Ref", restApi));
        // the stage's Ref is its name: the association also waits for the stage to exist
        String arn = String.valueOf(at(association, "ResourceArn", "Fn::Sub"));
        assertThat(arn)
                .isEqualTo("arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${" + restApi + "}/stages/${"
                        + stage + "}");

        // blocked unless the request carries exactly the secret CloudFront sends to the API origin
        Map<String, Object> only = rule(acl, "OnlyThroughCloudFront");
        assertThat(at(only, "Priority")).isEqualTo(0);
        Map<String, Object> match = map(only, "Statement", "NotStatement", "Statement", "ByteMatchStatement");
        assertThat(match.get("PositionalConstraint")).isEqualTo("EXACTLY");
        String header = String.valueOf(at(match, "FieldToMatch", "SingleHeader", "Name"));
        Map<String, Object> apiOrigin = apiOrigin(t);
        Object sent = list(apiOrigin, "OriginCustomHeaders").stream()
                .filter(h -> header.equalsIgnoreCase(String.valueOf(at(h, "HeaderName"))))
                .map(h -> at(h, "HeaderValue"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("CloudFront sends no " + header + " to the API"));
        assertThat(match.get("SearchString")).isEqualTo(sent);
        assertThat(String.valueOf(sent)).contains("{{resolve:secretsmanager:");
        assertBlocksWith(only, ErrorCode.FORBIDDEN, acl);
    }

    @Test
    void oneAddressFloodingTheApiIsLimitedByTheAddressCloudFrontSawNotOneItClaims() throws Exception {
        Map<String, Object> t = expanded("defaults");
        Map<String, Object> acl = webAcl(t);
        Map<String, Object> rate = rule(acl, "RatePerViewer");
        Map<String, Object> statement = map(rate, "Statement", "RateBasedStatement");
        assertThat(statement.get("AggregateKeyType")).isEqualTo("FORWARDED_IP");
        String header = String.valueOf(at(statement, "ForwardedIPConfig", "HeaderName"));
        assertThat(statement.get("Limit")).isEqualTo(Map.of("Ref", "RequestsPerViewer"));
        assertBlocksWith(rate, ErrorCode.RATE_LIMITED, acl);

        // the header is set, for every API path, by a CloudFront function from the viewer's own address,
        // overwriting whatever the client sent; and it is forwarded to the API
        Map<String, Map<String, Object>> functions = Deployment.resourcesOfType(t, "AWS::CloudFront::Function");
        assertThat(functions).hasSize(1);
        String functionId = functions.keySet().iterator().next();
        String code = String.valueOf(at(functions.get(functionId), "Properties", "FunctionCode"));
        assertThat(code)
                .contains("request.headers['" + header.toLowerCase(Locale.ROOT) + "'] = {value: event.viewer.ip}");
        Map<String, Object> cdn = distribution(t);
        List<Map<String, Object>> apiBehaviours = list(cdn, "CacheBehaviors").stream()
                .map(b -> map(b))
                .filter(b -> "api".equals(b.get("TargetOriginId")))
                .toList();
        // every path of the API the stack deploys, and only those, goes through the edge function
        assertThat(apiBehaviours)
                .extracting(b -> String.valueOf(b.get("PathPattern")))
                .containsExactlyInAnyOrderElementsOf(
                        Deployment.operations(Deployment.openApi()).keySet());
        for (Map<String, Object> behaviour : apiBehaviours) {
            assertThat(list(behaviour, "FunctionAssociations"))
                    .as(String.valueOf(behaviour.get("PathPattern")))
                    .containsExactly(Map.of(
                            "EventType",
                            "viewer-request",
                            "FunctionARN",
                            Map.of("Fn::GetAtt", List.of(functionId, "FunctionMetadata.FunctionARN"))));
            String policy = String.valueOf(at(behaviour, "OriginRequestPolicyId", "Ref"));
            assertThat(list(
                                    Deployment.resources(t),
                                    policy,
                                    "Properties",
                                    "OriginRequestPolicyConfig",
                                    "HeadersConfig",
                                    "Headers")
                            .stream()
                            .map(h -> String.valueOf(h).toLowerCase(Locale.ROOT)))
                    .contains(header.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void aRequestLargerThanTheContractAllowsIsBlockedBeforeAnyFunctionRuns() throws Exception {
        Map<String, Object> t = expanded("defaults");
        Map<String, Object> acl = webAcl(t);
        Map<String, Object> size = rule(acl, "SizeLimits");
        assertBlocksWith(size, ErrorCode.TOO_LARGE, acl);
        List<Object> limits = list(size, "Statement", "OrStatement", "Statements");
        Map<String, Object> body = limits.stream()
                .map(s -> map(s, "SizeConstraintStatement"))
                .filter(s -> map(s, "FieldToMatch").containsKey("Body"))
                .findFirst()
                .orElseThrow();
        // the same limit as the local run's HTTP server (application.properties)
        int local = localBodyLimit();
        assertThat(body.get("ComparisonOperator")).isEqualTo("GT");
        assertThat(body.get("Size")).isEqualTo(local);
        // a body over what WAF inspects matches (is blocked), and WAF inspects up to that limit
        assertThat(at(body, "FieldToMatch", "Body", "OversizeHandling")).isEqualTo("MATCH");
        assertThat(at(acl, "AssociationConfig", "RequestBody", "API_GATEWAY", "DefaultSizeInspectionLimit"))
                .isEqualTo("KB_" + local / 1024);
        assertThat(limits).hasSizeGreaterThanOrEqualTo(3);
        // no sampled requests anywhere: they would keep viewers' addresses
        assertThat(at(acl, "VisibilityConfig", "SampledRequestsEnabled")).isEqualTo(false);
        list(acl, "Rules")
                .forEach(r -> assertThat(at(r, "VisibilityConfig", "SampledRequestsEnabled"))
                        .isEqualTo(false));
    }

    @Test
    void theDistributionTakesAWebAclFromUsEast1WhenGivenOne() throws Exception {
        Map<String, Object> t = expanded("every-option");
        Object given = SamTransformTest.intrinsics(
                        t, Map.of("CloudFrontWebAclArn", SamExpansion.EVERY_OPTION.get("CloudFrontWebAclArn")))
                .value(distribution(t));
        assertThat(at(given, "WebACLId")).isEqualTo(SamExpansion.EVERY_OPTION.get("CloudFrontWebAclArn"));
        Object none = SamTransformTest.intrinsics(t, Map.of()).value(distribution(t));
        assertThat(map(none)).doesNotContainKey("WebACLId");
        String pattern =
                String.valueOf(at(Deployment.template(), "Parameters", "CloudFrontWebAclArn", "AllowedPattern"));
        assertThat("arn:aws:wafv2:eu-west-3:123456789012:global/webacl/x/a1b2c3d4-5678-90ab-cdef-0123456789ab")
                .as("a web ACL outside us-east-1 cannot be attached to CloudFront")
                .doesNotMatch(pattern);
        assertThat("arn:aws:wafv2:us-east-1:123456789012:regional/webacl/x/a1b2c3d4-5678-90ab-cdef-0123456789ab")
                .doesNotMatch(pattern);
        assertThat(SamExpansion.EVERY_OPTION.get("CloudFrontWebAclArn")).matches(pattern);
    }

    @Test
    void aViewerOnOldTlsIsRefusedWhereTheDistributionHasItsOwnCertificate() throws Exception {
        Map<String, Object> t = expanded("every-option");
        Object custom = SamTransformTest.intrinsics(
                        t,
                        Map.of(
                                "PublicUrl",
                                SamExpansion.EVERY_OPTION.get("PublicUrl"),
                                "PublicUrlCertificateArn",
                                SamExpansion.EVERY_OPTION.get("PublicUrlCertificateArn")))
                .value(distribution(t));
        assertThat(at(custom, "ViewerCertificate", "MinimumProtocolVersion")).isEqualTo("TLSv1.2_2021");
        assertThat(at(custom, "ViewerCertificate", "SslSupportMethod")).isEqualTo("sni-only");
        // on CloudFront's own *.cloudfront.net certificate CloudFront cannot raise the minimum (docs/deploy.md)
        Object own = SamTransformTest.intrinsics(t, Map.of()).value(distribution(t));
        assertThat(at(own, "ViewerCertificate")).isEqualTo(Map.of("CloudFrontDefaultCertificate", true));
        // the API origin is reached over TLS 1.2 only
        assertThat(list(apiOrigin(expanded("defaults")), "CustomOriginConfig", "OriginSSLProtocols"))
                .containsExactly("TLSv1.2");
    }

    @Test
    void everyResponseCarriesSecurityHeadersWhoseCspThePagesSatisfy() throws Exception {
        Map<String, Object> t = expanded("defaults");
        Map<String, Object> cdn = distribution(t);
        List<Object> behaviours = new ArrayList<>(list(cdn, "CacheBehaviors"));
        behaviours.add(map(cdn, "DefaultCacheBehavior"));
        Set<Object> policies = new TreeSet<>();
        behaviours.forEach(b -> policies.add(String.valueOf(map(b).get("ResponseHeadersPolicyId"))));
        assertThat(policies).containsExactly(String.valueOf(Map.of("Ref", "SecurityHeadersPolicy")));
        Map<String, Object> headers = map(
                Deployment.resources(t),
                "SecurityHeadersPolicy",
                "Properties",
                "ResponseHeadersPolicyConfig",
                "SecurityHeadersConfig");
        assertThat(at(headers, "StrictTransportSecurity", "AccessControlMaxAgeSec"))
                .isEqualTo(63072000);
        assertThat(at(headers, "FrameOptions", "FrameOption")).isEqualTo("DENY");
        assertThat(at(headers, "ContentTypeOptions", "Override")).isEqualTo(true);
        assertThat(at(headers, "ReferrerPolicy", "ReferrerPolicy")).isEqualTo("no-referrer");
        assertThat(at(headers, "ContentSecurityPolicy", "Override")).isEqualTo(true);
        Map<String, Set<String>> csp =
                directives(String.valueOf(at(headers, "ContentSecurityPolicy", "ContentSecurityPolicy")));
        assertThat(csp.get("frame-ancestors")).containsExactly("'none'");
        assertThat(csp.get("object-src")).containsExactly("'none'");
        csp.forEach((directive, sources) -> assertThat(sources)
                .as(directive)
                .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"));

        Path web = Deployment.ROOT.resolve("src/web");
        List<Path> pages;
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(web)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            pages = all.stream().filter(p -> p.toString().endsWith(".html")).toList();
            scripts = all.stream().filter(p -> p.toString().endsWith(".js")).toList();
        }
        assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
        for (Path page : pages) {
            String html = Files.readString(page);
            String name = web.relativize(page).toString();
            // what the page says of itself is what the header enforces: nothing it needs is missing there
            Matcher meta = Pattern.compile("http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\"")
                    .matcher(html);
            assertThat(meta.find()).as(name + " declares its CSP").isTrue();
            directives(meta.group(1))
                    .forEach((directive, sources) -> assertThat(csp.get(directive))
                            .as(name + ": " + directive)
                            .isEqualTo(sources));
            // and the page keeps to it: no inline script, style or handler, nothing from another origin
            assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>")
                            .matcher(html)
                            .find())
                    .as(name + ": inline script")
                    .isFalse();
            assertThat(html).as(name).doesNotContain("<style", " style=");
            assertThat(Pattern.compile("\\son[a-z]+=").matcher(html).find())
                    .as(name + ": inline event handler")
                    .isFalse();
            Matcher refs = Pattern.compile("\\b(?:src|href)=\"([^\"]*)\"").matcher(html);
            while (refs.find()) {
                String ref = refs.group(1);
                assertThat(ref.startsWith("/") || ref.startsWith("#") || ref.startsWith("data:") || !ref.contains(":"))
                        .as(name + " loads " + ref)
                        .isTrue();
            }
        }
        for (Path script : scripts) {
            String js = Files.readString(script);
            assertThat(js)
                    .as(web.relativize(script).toString())
                    .doesNotContain(
                            "eval(",
                            "new Function(",
                            "setAttribute('style'",
                            "setAttribute(\"style\"",
                            ".innerHTML",
                            "cssText");
        }
    }

    private static Map<String, Set<String>> directives(String policy) {
        Map<String, Set<String>> directives = new LinkedHashMap<>();
        for (String part : policy.split(";")) {
            List<String> words = Arrays.stream(part.trim().split("\\s+"))
                    .filter(w -> !w.isEmpty())
                    .toList();
            if (!words.isEmpty()) {
                directives.put(words.get(0), new TreeSet<>(words.subList(1, words.size())));
            }
        }
        return directives;
    }

    private static Map<String, Object> apiOrigin(Map<String, Object> t) {
        return list(distribution(t), "Origins").stream()
                .map(o -> map(o))
                .filter(o -> "api".equals(o.get("Id")))
                .findFirst()
                .orElseThrow();
    }

    /** A blocking rule answers the contract's error for its case: the code's status and JSON body. */
    private static void assertBlocksWith(Map<String, Object> rule, ErrorCode code, Map<String, Object> acl)
            throws IOException {
        Map<String, Object> response = map(rule, "Action", "Block", "CustomResponse");
        assertThat(response.get("ResponseCode")).isEqualTo(code.httpStatus());
        String body = String.valueOf(
                at(acl, "CustomResponseBodies", String.valueOf(response.get("CustomResponseBodyKey")), "Content"));
        JsonNode error = JSON.readTree(body).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code.wireName());
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("retryable").asBoolean(true)).isFalse();
        assertThat(error.has("field")).isTrue();
    }

    private static int localBodyLimit() throws IOException {
        String properties = Files.readString(Deployment.ROOT.resolve("src/main/resources/application.properties"));
        Matcher m = Pattern.compile("quarkus\\.http\\.limits\\.max-body-size=(\\d+)K")
                .matcher(properties);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1)) * 1024;
    }
}
