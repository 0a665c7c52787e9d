package app.symmetry.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.testing.Api;
import app.symmetry.testing.Invitations;
import app.symmetry.testing.ReliabilityCounters;
import app.symmetry.testing.TableItems;

/**
 * Issue 15, item 7: an audit log readable by admins, written by the services that make keys, issue
 * credentials, revoke codes and recompute, over the local HTTP binding. The attack it stops: whoever
 * held a key does something, then the key is revoked (or they stop using it) and the act leaves no trace.
 */
@QuarkusTest
class AuditLogTest {

    static final String STORE = "grenoble-victor-hugo";

    @TestHTTPResource("/")
    URL base;

    @Inject
    TableItems table;

    private Map<?, ?> create(String role, List<String> units) {
        Map<String, Object> body = new HashMap<>();
        body.put("role", role);
        body.put("label", "audit test " + role);
        if (!units.isEmpty()) {
            body.put("units", units);
        }
        return Api.manager(base)
                .body(body)
                .post("/createApiKey")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
    }

    /** Every entry of this month, newest first, read page by page with the admin key. */
    private List<Map<String, Object>> log() {
        List<Map<String, Object>> entries = new ArrayList<>();
        String cursor = null;
        do {
            var request = Api.manager(base).queryParam("limit", "7");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/listAuditLog").then().statusCode(200).extract();
            entries.addAll(page.path("items"));
            cursor = page.path("cursor");
        } while (cursor != null);
        return entries;
    }

    private static Map<String, Object> find(List<Map<String, Object>> log, String action, String subject) {
        return log.stream()
                .filter(e -> action.equals(e.get("action")) && subject.equals(e.get("subject")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " of " + subject + " in " + log));
    }

    private static void refused(ValidatableResponse response, int status, String code) {
        response.statusCode(status).body("error.code", equalTo(code)).body("error.retryable", equalTo(false));
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    @Test
    void aRevokedKeysHolderCannotHideThatItMintedLinks() {
        Map<?, ?> hr = create("hr", List.of(STORE));
        String hrKey = (String) hr.get("apiKey");
        String hrId = (String) hr.get("keyId");
        String campaign = Api.withKey(base, hrKey)
                .body(Map.of(
                        "unitId",
                        STORE,
                        "headcount",
                        40,
                        "closesOn",
                        LocalDate.now(ZoneOffset.UTC).plusDays(20).toString()))
                .post("/startPulseCampaign")
                .then()
                .statusCode(200)
                .extract()
                .path("campaignId");
        Invitations.pulse(base, hrKey, Map.of("unitId", STORE, "kind", "pulse", "campaignId", campaign), 4);
        // the holder cannot read the log, let alone change it (no function writes to it but the acts)
        refused(Api.withKey(base, hrKey).get("/listAuditLog").then(), 403, "forbidden");

        Api.manager(base)
                .body(Map.of("keyId", hrId))
                .post("/revokeApiKey")
                .then()
                .statusCode(200);
        refused(Api.withKey(base, hrKey).get("/listAuditLog").then(), 401, "unauthenticated");

        List<Map<String, Object>> log = log();
        Map<String, Object> made = find(log, "key_created", "key:" + hrId);
        assertThat(made.get("actor")).isEqualTo("local-admin");
        assertThat((String) made.get("detail")).contains("role hr", "units " + STORE);
        Map<String, Object> minted = log.stream()
                .filter(e -> "credentials_issued".equals(e.get("action")) && hrId.equals(e.get("actor")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the revoked key's links are not on record: " + log));
        assertThat(minted.get("subject")).isEqualTo("unit:" + STORE);
        assertThat(minted.get("count")).isEqualTo(4);
        assertThat((String) minted.get("detail")).contains("invitations", "pulse", "campaign " + campaign);
        Map<String, Object> revoked = find(log, "key_revoked", "key:" + hrId);
        assertThat(revoked.get("actor")).isEqualTo("local-admin");
        // newest first: the revocation, then the links, then the key
        assertThat(log.indexOf(revoked)).isLessThan(log.indexOf(minted));
        assertThat(log.indexOf(minted)).isLessThan(log.indexOf(made));
    }

    @Test
    void aCodeRevocationAndARecomputeAreOnRecordWithWhoDidThem() {
        Map<?, ?> admin = create("admin", List.of());
        String adminKey = (String) admin.get("apiKey");
        String adminId = (String) admin.get("keyId");
        var code = Api.withKey(base, adminKey)
                .body(Map.of("unitId", STORE, "kind", "customer"))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract();
        String codeId = code.path("codeId");
        Api.withKey(base, adminKey)
                .body(Map.of("token", code.path("token")))
                .post("/revokeUnitCode")
                .then()
                .statusCode(200);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Api.withKey(base, adminKey)
                .body(Map.of("from", today.minusDays(1).toString(), "to", today.toString()))
                .post("/aggregateSnapshots")
                .then()
                .statusCode(200);

        List<Map<String, Object>> log = log();
        assertThat(find(log, "credentials_issued", "unit:" + STORE)).isNotNull();
        Map<String, Object> revocation = find(log, "code_revoked", "code:" + codeId);
        assertThat(revocation.get("actor")).isEqualTo(adminId);
        assertThat((String) revocation.get("detail")).contains(STORE);
        Map<String, Object> recompute = find(log, "recompute", "days:" + today.minusDays(1) + ".." + today);
        assertThat(recompute.get("actor")).isEqualTo(adminId);

        // each entry expires after the retention (two years by default), by DynamoDB's TTL
        List<Map<String, AttributeValue>> items = table.withKeyPrefix("AUDIT#");
        assertThat(items).isNotEmpty();
        for (Map<String, AttributeValue> item : items) {
            Instant at = Instant.parse(
                    item.get("sk").s().substring(0, item.get("sk").s().lastIndexOf('#')));
            assertThat(Long.parseLong(item.get("expiresAt").n()))
                    .isEqualTo(at.plus(Duration.ofDays(731)).getEpochSecond());
        }
    }

    @Test
    void onlyAnAdminReadsTheAuditLog() {
        String viewer = (String) create("viewer", List.of()).get("apiKey");
        String service = (String) create("service", List.of()).get("apiKey");
        String hr = (String) create("hr", List.of()).get("apiKey");
        for (String key : List.of(viewer, service, hr)) {
            refused(Api.withKey(base, key).get("/listAuditLog").then(), 403, "forbidden");
        }
        refused(Api.anonymous(base).get("/listAuditLog").then(), 401, "unauthenticated");
        Api.manager(base)
                .queryParam("month", "2026-13")
                .get("/listAuditLog")
                .then()
                .statusCode(400)
                .body("error.code", equalTo("invalid_field"))
                .body("error.field", equalTo("month"));
        Api.manager(base)
                .queryParam("month", "2025-01")
                .queryParam("cursor", "2026-11-01T00:00:00Z#0123456789ab")
                .get("/listAuditLog")
                .then()
                .statusCode(400)
                .body("error.field", equalTo("cursor"));
        Api.manager(base)
                .queryParam("month", "2025-01")
                .get("/listAuditLog")
                .then()
                .statusCode(200)
                .body("month", equalTo("2025-01"))
                .body("items.size()", equalTo(0));
    }
}
