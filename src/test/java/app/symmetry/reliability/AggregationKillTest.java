package app.symmetry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import app.symmetry.storage.Dynamo;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.FlakyDerivedItemWriter;
import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.ReliabilityCounters;
import app.symmetry.testing.TableItems;
import app.symmetry.testing.TestClock;

/**
 * A recompute of a closed month (August 2026, the benelux units' answers) killed at several points,
 * from its first write to the middle of its snapshot writes, then run again: every snapshot of the
 * month (units, regions, organisation; MONTH, WEEK, DAY, the units' days computed from the tallies
 * when read) equals that of an uninterrupted run.
 * Before each kill the month's tallies and snapshots are wiped, so a killed run really leaves a
 * partial month behind and the rerun has to rebuild it.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.AggregateSnapshots.class)
class AggregationKillTest {

    static final List<String> UNITS =
            List.of("bruxelles-louise", "liege-guillemins", "luxembourg-gare", "gent-korenmarkt");
    static final List<String> REGIONS = List.of("ile-de-france", "auvergne-rhone-alpes", "benelux");
    static final List<String> DIMENSIONS =
            List.of("listening", "ownership", "information", "recognition", "cooperation");
    static final Map<String, String> AUGUST = Map.of("from", "2026-08-01", "to", "2026-08-31");
    /**
     * The month's 243 stored snapshots (236 for the 12 units, their regions and the organisation, 7 for
     * the smoke unit's weeks and month) are written one conditional put each (newer-wins, closed
     * employee sides kept), after the tallies (one update per unit and month); its unit days are
     * computed from those tallies when read.
     */
    static final int STORED_SNAPSHOTS = 243;

    static final int SNAPSHOT_WRITES = STORED_SNAPSHOTS;

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;

    @Inject
    FlakyDerivedItemWriter writer;

    @Inject
    TableItems table;

    @Inject
    Dynamo dynamo;

    @Inject
    SymmetryTable symmetryTable;

    @AfterEach
    void realTime() {
        clock.reset();
        writer.disarm();
    }

    @Test
    void aRecomputeKilledAnywhereThenRunAgainLeavesWhatAnUninterruptedRunLeaves() {
        placeAnswers();
        writer.resetCount();
        LambdaClient.invoke(AUGUST).statusCode(200).body("snapshotsWritten", Matchers.equalTo(STORED_SNAPSHOTS));
        // where the kill points lie: measured on the uninterrupted run, not assumed
        int total = writer.writes();
        int tallyWrites = total - SNAPSHOT_WRITES;
        assertThat(tallyWrites).as("tally writes before the snapshots").isPositive();
        Map<String, Object> reference = augustSnapshots();
        assertThat(reference).isNotEmpty();
        assertThat(reference.get("unit bruxelles-louise MONTH:2026-08")).isNotNull();

        List<Integer> kills = ReliabilityCounters.heavy()
                ? List.of(
                        0,
                        1,
                        tallyWrites / 2,
                        tallyWrites - 1,
                        tallyWrites,
                        tallyWrites + 1,
                        tallyWrites + SNAPSHOT_WRITES / 2,
                        total - 1)
                // the first write, one in the middle of the tallies, one in the middle of the snapshots
                : List.of(0, tallyWrites / 2, tallyWrites + SNAPSHOT_WRITES / 2);
        for (int n : kills) {
            wipeAugust();
            writer.failAfter(n);
            String message =
                    LambdaClient.invoke(AUGUST).statusCode(500).extract().path("errorMessage");
            assertThat(message).as("kill after %d writes", n).contains("storage_unavailable");
            writer.disarm();
            assertThat(augustSnapshots())
                    .as("the run killed after %d writes left a partial month", n)
                    .isNotEqualTo(reference);

            LambdaClient.invoke(AUGUST).statusCode(200);
            assertThat(augustSnapshots())
                    .as("rerun after a kill after %d writes", n)
                    .isEqualTo(reference);
            ReliabilityCounters.add(ReliabilityCounters.FAULTS_SURVIVED, 1);
        }
    }

    // --- the month's answers ----------------------------------------------------------------------

    private void placeAnswers() {
        Random random = new Random(20260801);
        for (int u = 0; u < UNITS.size(); u++) {
            String unit = UNITS.get(u);
            ZoneId zone = ZoneId.of(unit.startsWith("luxembourg") ? "Europe/Luxembourg" : "Europe/Brussels");
            at(LocalDate.of(2026, 8, 1), zone);
            String customer = code(unit, "customer");
            String pulse = code(unit, "pulse");
            for (int i = 0, n = 8 + 3 * u; i < n; i++) {
                send("/submitFeedback", customer, LocalDate.of(2026, 8, 3 + random.nextInt(28)), zone, random);
            }
            // one unit under k: its employee side is suppressed, and so is its smallest neighbour's
            for (int i = 0, n = u == 0 ? 3 : 5 + u; i < n; i++) {
                send("/submitPulse", pulse, LocalDate.of(2026, 8, 3 + random.nextInt(28)), zone, random);
            }
        }
        clock.reset();
    }

    private void at(LocalDate day, ZoneId zone) {
        clock.set(day.atTime(12, 0).atZone(zone).toInstant());
    }

    private String code(String unitId, String kind) {
        return Api.manager(base)
                .body(Campaigns.credential(base, unitId, kind, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)))
                .post("/issueUnitCode")
                .then()
                .statusCode(200)
                .extract()
                .path("token");
    }

    private void send(String path, String token, LocalDate day, ZoneId zone, Random random) {
        at(day, zone);
        Map<String, Object> ratings = new HashMap<>();
        for (String d : DIMENSIONS) {
            if (random.nextInt(10) < 8) {
                ratings.put(d, 1 + random.nextInt(5));
            }
        }
        Map<String, Object> body = new HashMap<>(Map.of(
                "submissionId",
                UUID.randomUUID().toString(),
                "token",
                token,
                "recommend",
                random.nextInt(11),
                "ratings",
                ratings));
        Api.anonymous(base)
                .header("User-Agent", "phone-" + UUID.randomUUID())
                .body(body)
                .post(path)
                .then()
                .statusCode(200);
    }

    // --- the month's snapshots --------------------------------------------------------------------

    private static List<String> augustPeriods() {
        List<String> periods = new ArrayList<>();
        periods.add("MONTH:2026-08");
        for (int w = 31; w <= 36; w++) {
            periods.add("WEEK:2026-W" + w);
        }
        for (LocalDate d = LocalDate.of(2026, 8, 1); d.getMonthValue() == 8; d = d.plusDays(1)) {
            periods.add("DAY:" + d);
        }
        return periods;
    }

    /** Every snapshot of August, by scope, id and period, without its computedAt; absent ones as "absent". */
    @SuppressWarnings("unchecked")
    private Map<String, Object> augustSnapshots() {
        Map<String, Object> all = new TreeMap<>();
        for (String period : augustPeriods()) {
            List<Map<String, Object>> units = Api.manager(base)
                    .queryParam("scope", "units")
                    .queryParam("period", period)
                    .queryParam("limit", 50)
                    .get("/listSnapshots")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items");
            for (Map<String, Object> s : units) {
                all.put("unit " + s.get("id") + " " + period, withoutComputedAt(s));
            }
            for (String region : REGIONS) {
                all.put("region " + region + " " + period, read("region", region, period));
            }
            all.put("org demo " + period, read("org", "demo", period));
        }
        return all;
    }

    private Object read(String scope, String id, String period) {
        Response response = Api.manager(base)
                .queryParam("scope", scope)
                .queryParam("id", id)
                .queryParam("period", period)
                .get("/getSnapshot");
        if (response.statusCode() == 404) {
            return "absent";
        }
        assertThat(response.statusCode()).isEqualTo(200);
        return withoutComputedAt(response.as(Map.class));
    }

    private static Map<String, Object> withoutComputedAt(Map<String, Object> snapshot) {
        Map<String, Object> copy = new LinkedHashMap<>(snapshot);
        copy.remove("computedAt");
        return copy;
    }

    /** Deletes August's tallies and snapshots, so a killed run leaves only what it wrote itself. */
    private void wipeAugust() {
        for (Map<String, AttributeValue> item : table.all()) {
            String pk = item.get(SymmetryTable.PK).s();
            String sk = item.get(SymmetryTable.SK).s();
            boolean tally = pk.startsWith("TALLY#") && sk.equals("2026-08");
            boolean snapshot = pk.startsWith("SNAPSHOT#") && (sk.startsWith("2026-08") || sk.matches("2026-W3[1-6]"));
            if (tally || snapshot) {
                dynamo.client()
                        .deleteItem(b -> b.tableName(symmetryTable.name())
                                .key(Map.of(
                                        SymmetryTable.PK,
                                        item.get(SymmetryTable.PK),
                                        SymmetryTable.SK,
                                        item.get(SymmetryTable.SK))));
            }
        }
    }
}
