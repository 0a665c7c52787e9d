package app.symmetry.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.domain.Snapshot;
import app.symmetry.storage.SnapshotStore;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.ReliabilityCounters;
import app.symmetry.testing.TableItems;

/**
 * The attacks that come in through a key, over the local HTTP binding: every protected function
 * checks the caller's role and scope itself (the local gateway only hands the header over).
 */
@QuarkusTest
class AccessTest {

    static final String STORE = "lyon-part-dieu";
    static final String OTHER_STORE = "paris-opera";
    static final String STORE_REGION = "auvergne-rhone-alpes";
    static final String OTHER_REGION = "ile-de-france";
    static final String DAY = "DAY:2026-11-20";

    @TestHTTPResource("/")
    URL base;

    @Inject
    TableItems table;

    @Inject
    SnapshotStore snapshots;

    static final String MONTH = "MONTH:2026-09";

    private static Snapshot stored(String unit) {
        return new Snapshot(
                "unit",
                unit,
                MONTH,
                Snapshot.METHOD_VERSION,
                "2026-10-01T00:00:00Z",
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private Map<String, Object> create(String role, List<String> units, List<String> regions) {
        Map<String, Object> body = new HashMap<>();
        body.put("role", role);
        body.put("label", role + " of " + units + regions);
        if (!units.isEmpty()) {
            body.put("units", units);
        }
        if (!regions.isEmpty()) {
            body.put("regions", regions);
        }
        return Api.manager(base)
                .body(body)
                .post("/createApiKey")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
    }

    private String key(String role, List<String> units, List<String> regions) {
        return (String) create(role, units, regions).get("apiKey");
    }

    private ValidatableResponse snapshot(String key, String scope, String id, String period) {
        return Api.withKey(base, key)
                .queryParam("scope", scope)
                .queryParam("id", id)
                .queryParam("period", period)
                .get("/getSnapshot")
                .then();
    }

    private static void refused(ValidatableResponse response, int status, String code) {
        response.statusCode(status).body("error.code", equalTo(code)).body("error.retryable", equalTo(false));
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);
    }

    /** What a request reaches: anything but a refusal of the key, its role or its scope. */
    private static void reached(ValidatableResponse response) {
        response.statusCode(not(equalTo(401))).statusCode(not(equalTo(403)));
        int status = response.extract().statusCode();
        if (status != 200) {
            response.statusCode(404).body("error.code", equalTo("not_found")).body("error.field", equalTo("period"));
        }
    }

    @Test
    void aViewerOfOneStoreCannotReadAnother() {
        String manager = key("viewer", List.of(STORE), List.of());
        reached(snapshot(manager, "unit", STORE, DAY));

        // Another store answers exactly as a store that does not exist: the key learns nothing of it.
        Map<String, Object> other = snapshot(manager, "unit", OTHER_STORE, DAY)
                .statusCode(404)
                .extract()
                .path("error");
        Map<String, Object> none = snapshot(manager, "unit", "no-such-store", DAY)
                .statusCode(404)
                .extract()
                .path("error");
        assertThat(other.get("code")).isEqualTo(none.get("code")).isEqualTo("unknown_unit");
        assertThat(other.get("field")).isEqualTo(none.get("field"));
        assertThat(((String) other.get("message")).replace(OTHER_STORE, "X"))
                .isEqualTo(((String) none.get("message")).replace("no-such-store", "X"));
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 1);

        refused(
                Api.withKey(base, manager)
                        .queryParam("scope", "unit")
                        .queryParam("id", OTHER_STORE)
                        .queryParam("periodType", "DAY")
                        .get("/listSnapshots")
                        .then(),
                404,
                "unknown_unit");
        refused(snapshot(manager, "region", OTHER_REGION, "MONTH:2026-10"), 404, "not_found");
    }

    @Test
    void aStoreManagerSeesTheTotalsAboveItsStoreAndOnlyItsStoreInLists() {
        String manager = key("viewer", List.of(STORE), List.of());
        reached(snapshot(manager, "region", STORE_REGION, "MONTH:2026-10"));
        reached(snapshot(manager, "org", "demo", "MONTH:2026-10"));

        List<String> units = Api.withKey(base, manager)
                .get("/listUnits")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(units).containsExactly(STORE);
        // A month of every unit, as the runs store it: the manager's page holds its store only.
        snapshots.putAll(List.of(stored(STORE), stored(OTHER_STORE), stored("grenoble-victor-hugo")), s -> false);
        List<String> listed = Api.withKey(base, manager)
                .queryParam("scope", "units")
                .queryParam("period", MONTH)
                .queryParam("limit", 100)
                .get("/listSnapshots")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(listed).containsExactly(STORE);
        List<String> all = Api.manager(base)
                .queryParam("scope", "units")
                .queryParam("period", MONTH)
                .queryParam("limit", 100)
                .get("/listSnapshots")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(all).contains(STORE, OTHER_STORE, "grenoble-victor-hugo");
        ReliabilityCounters.add(ReliabilityCounters.ACCESS_ATTACKS, 2);

        String regional = key("viewer", List.of(), List.of(STORE_REGION));
        List<String> regionUnits = Api.withKey(base, regional)
                .get("/listUnits")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(regionUnits).contains(STORE, "grenoble-victor-hugo").doesNotContain(OTHER_STORE);
        reached(snapshot(regional, "unit", "grenoble-victor-hugo", DAY));
        refused(snapshot(regional, "unit", OTHER_STORE, DAY), 404, "unknown_unit");
    }

    @Test
    void aViewerCannotMintPulseLinks() {
        String manager = key("viewer", List.of(STORE), List.of());
        int before = table.count();
        refused(
                Api.withKey(base, manager)
                        .body(Map.of("unitId", STORE, "kind", "pulse", "count", 4))
                        .post("/issueLinks")
                        .then(),
                403,
                "forbidden");
        refused(
                Api.withKey(base, manager)
                        .body(Map.of("unitId", STORE, "kind", "pulse"))
                        .post("/issueUnitCode")
                        .then(),
                403,
                "forbidden");
        refused(
                Api.withKey(base, manager)
                        .body(Map.of("unitId", STORE, "kind", "customer"))
                        .post("/issueUnitCode")
                        .then(),
                403,
                "forbidden");
        refused(
                Api.withKey(base, manager)
                        .body(Map.of("from", "2026-10-01", "to", "2026-10-31"))
                        .post("/aggregateSnapshots")
                        .then(),
                403,
                "forbidden");
        assertThat(table.count()).as("nothing written").isEqualTo(before);
    }

    @Test
    void anHrKeyCannotReadSnapshots() {
        String hr = key("hr", List.of(), List.of());
        refused(snapshot(hr, "unit", STORE, DAY), 403, "forbidden");
        refused(snapshot(hr, "org", "demo", "MONTH:2026-10"), 403, "forbidden");
        refused(
                Api.withKey(base, hr)
                        .queryParam("scope", "units")
                        .queryParam("period", DAY)
                        .get("/listSnapshots")
                        .then(),
                403,
                "forbidden");
        refused(Api.withKey(base, hr).get("/listUnits").then(), 403, "forbidden");
        // Customer codes, revocations and recomputes are the organisation's, not HR's.
        refused(
                Api.withKey(base, hr)
                        .body(Map.of("unitId", STORE, "kind", "customer"))
                        .post("/issueUnitCode")
                        .then(),
                403,
                "forbidden");
        String code = Api.manager(base)
                .body(Map.of("unitId", STORE, "kind", "customer"))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        refused(
                Api.withKey(base, hr)
                        .body(Map.of("token", code))
                        .post("/revokeUnitCode")
                        .then(),
                403,
                "forbidden");
        // What HR is for: pulse credentials.
        Api.withKey(base, hr)
                .body(Campaigns.credential(base, STORE, "pulse"))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .body("token", notNullValue());
    }

    @Test
    void anHrKeyOfOneRegionCannotIssueForAnotherRegion() {
        String hr = key("hr", List.of(), List.of(STORE_REGION));
        Api.withKey(base, hr)
                .body(Campaigns.credential(base, STORE, "pulse"))
                .post("/issueUnitCode")
                .then()
                .statusCode(200);
        Map<String, Object> elsewhere = Campaigns.credential(base, OTHER_STORE, "pulse", "count", 2);
        int before = table.count();
        refused(Api.withKey(base, hr).body(elsewhere).post("/issueLinks").then(), 404, "unknown_unit");
        Map<String, Object> invitations = new HashMap<>(elsewhere);
        invitations.remove("count");
        invitations.put("emails", List.of("someone@example.test"));
        refused(Api.withKey(base, hr).body(invitations).post("/sendInvitations").then(), 404, "unknown_unit");
        assertThat(table.count()).isEqualTo(before);
    }

    @Test
    void aServiceKeyReadsSnapshotsAndNothingElse() {
        String service = key("service", List.of(), List.of());
        reached(snapshot(service, "unit", OTHER_STORE, DAY));
        Api.withKey(base, service).get("/listUnits").then().statusCode(200);
        refused(
                Api.withKey(base, service)
                        .body(Map.of("unitId", STORE, "kind", "pulse"))
                        .post("/issueLinks")
                        .then(),
                403,
                "forbidden");
        refused(
                Api.withKey(base, service)
                        .body(Map.of("role", "admin"))
                        .post("/createApiKey")
                        .then(),
                403,
                "forbidden");
    }

    @Test
    void aRevokedKeyIsRefused() {
        Map<String, Object> created = create("viewer", List.of(STORE), List.of());
        String key = (String) created.get("apiKey");
        reached(snapshot(key, "unit", STORE, DAY));
        Api.manager(base)
                .body(Map.of("keyId", created.get("keyId")))
                .post("/revokeApiKey")
                .then()
                .statusCode(200)
                .body("revoked", equalTo(true));
        refused(snapshot(key, "unit", STORE, DAY), 401, "unauthenticated");
        refused(Api.withKey(base, key).get("/listUnits").then(), 401, "unauthenticated");

        List<Map<String, Object>> listed = Api.manager(base)
                .queryParam("limit", 100)
                .get("/listApiKeys")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        Map<String, Object> entry = listed.stream()
                .filter(k -> k.get("keyId").equals(created.get("keyId")))
                .findFirst()
                .orElseThrow();
        assertThat(entry).containsKey("revokedAt").containsEntry("revokedBy", "local-admin");
        refused(
                Api.manager(base)
                        .body(Map.of("keyId", "AAAAAAAAAAAAAAAA"))
                        .post("/revokeApiKey")
                        .then(),
                404,
                "not_found");
    }

    @Test
    void aGuessedKeyIsRefusedWhateverItsShape() {
        Map<String, Object> created = create("admin", List.of(), List.of());
        String key = (String) created.get("apiKey");
        String[] guesses = {
            key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A"), // the right id, a wrong secret
            "sym.AAAAAAAAAAAAAAAA." + key.substring(key.lastIndexOf('.') + 1), // a right secret under another id
            "sym." + created.get("keyId"),
            key + "A",
            key.toUpperCase(),
            "local-admin",
            "iam",
            "Bearer " + key
        };
        for (String guess : guesses) {
            refused(Api.withKey(base, guess).get("/listUnits").then(), 401, "unauthenticated");
        }
        Api.withKey(base, key).get("/listUnits").then().statusCode(200);
    }

    @Test
    void onlyAnAdminManagesKeys() {
        for (String role : List.of("viewer", "hr", "service")) {
            String key = key(role, List.of(), List.of());
            int before = table.count();
            refused(
                    Api.withKey(base, key)
                            .body(Map.of("role", "admin"))
                            .post("/createApiKey")
                            .then(),
                    403,
                    "forbidden");
            refused(Api.withKey(base, key).get("/listApiKeys").then(), 403, "forbidden");
            refused(
                    Api.withKey(base, key)
                            .body(Map.of("keyId", "AAAAAAAAAAAAAAAA"))
                            .post("/revokeApiKey")
                            .then(),
                    403,
                    "forbidden");
            assertThat(table.count()).isEqualTo(before);
        }
    }

    @Test
    void aForgedScopeIsRefusedWhenTheKeyIsMade() {
        int before = table.count();
        refused(
                Api.manager(base)
                        .body(Map.of("role", "viewer", "units", List.of(STORE, "not-a-store")))
                        .post("/createApiKey")
                        .then(),
                400,
                "invalid_field");
        refused(
                Api.manager(base)
                        .body(Map.of("role", "viewer", "regions", List.of("atlantis")))
                        .post("/createApiKey")
                        .then(),
                400,
                "invalid_field");
        refused(
                Api.manager(base)
                        .body(Map.of("role", "admin", "units", List.of(STORE)))
                        .post("/createApiKey")
                        .then(),
                400,
                "invalid_field");
        refused(
                Api.manager(base)
                        .body(Map.of("role", "root"))
                        .post("/createApiKey")
                        .then(),
                400,
                "invalid_field");
        refused(
                Api.manager(base)
                        .body(Map.of("role", "viewer", "units", STORE))
                        .post("/createApiKey")
                        .then(),
                400,
                "invalid_field");
        refused(
                Api.manager(base)
                        .body(Map.of("role", "viewer", "scope", "*"))
                        .post("/createApiKey")
                        .then(),
                400,
                "unknown_field");
        assertThat(table.count()).as("nothing written").isEqualTo(before);
    }

    @Test
    void aKeyIsShownOnceAndKeptOnlyAsItsHash() throws Exception {
        Map<String, Object> created = create("viewer", List.of(STORE), List.of());
        String key = (String) created.get("apiKey");
        assertThat(key).startsWith("sym." + created.get("keyId") + ".");
        assertThat(created)
                .containsEntry("role", "viewer")
                .containsEntry("units", List.of(STORE))
                .containsEntry("createdBy", "local-admin")
                .containsKey("createdAt");

        Map<String, AttributeValue> item =
                table.withKeyPrefix("APIKEY#" + created.get("keyId")).get(0);
        String secret = key.substring(key.lastIndexOf('.') + 1);
        assertThat(item.toString()).doesNotContain(secret);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        assertThat(item.get("secretHash").b().asByteArray()).isEqualTo(hash);
        assertThat(item.get(SymmetryTable.PK).s()).isEqualTo("APIKEY#" + created.get("keyId"));

        String listing = Api.manager(base)
                .queryParam("limit", 100)
                .get("/listApiKeys")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(listing)
                .contains((String) created.get("keyId"))
                .doesNotContain(secret)
                .doesNotContain("apiKey");
    }

    @Test
    void theKeyListingPagesThroughEveryKey() {
        for (int i = 0; i < 3; i++) {
            create("service", List.of(), List.of());
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = Api.manager(base).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Map<String, Object> page =
                    request.get("/listApiKeys").then().statusCode(200).extract().as(Map.class);
            ((List<Map<String, Object>>) page.get("items"))
                    .forEach(k -> assertThat(seen.add((String) k.get("keyId"))).isTrue());
            cursor = (String) page.get("cursor");
            pages++;
        } while (cursor != null && pages < 1000);
        assertThat(seen.size()).isEqualTo(table.withKeyPrefix("APIKEY#").size());
        refused(
                Api.manager(base)
                        .queryParam("cursor", "nope")
                        .get("/listApiKeys")
                        .then(),
                400,
                "invalid_field");
    }
}
