package app.symmetry.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.testing.Api;
import app.symmetry.testing.Campaigns;
import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.LambdaClient;
import app.symmetry.testing.ReliabilityCounters;
import app.symmetry.testing.TestClock;

/**
 * The curious manager, on the real published snapshots: a closed month (July 2026) of pulse answers
 * in auvergne-rhone-alpes, two of its units under k = 5. Every employee count the API publishes for
 * the month (units, regions, organisation; totals and per dimension) is fed to the exact linear
 * attacker; no group of 1 to 4 answers may be derivable. Weeks and days publish no employee figure,
 * and one more answer sent today changes nothing in the closed month.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.AggregateSnapshots.class)
class CuriousManagerTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final int K = 5;
    static final Map<String, Integer> EMPLOYEES = new LinkedHashMap<>();

    static {
        EMPLOYEES.put("lyon-part-dieu", 8);
        EMPLOYEES.put("lyon-croix-rousse", 3);
        EMPLOYEES.put("grenoble-victor-hugo", 6);
        EMPLOYEES.put("annecy-vieille-ville", 2);
    }

    static final List<String> DIMENSIONS =
            List.of("listening", "ownership", "information", "recognition", "cooperation");
    static final Map<String, String> JULY = Map.of("from", "2026-07-01", "to", "2026-07-31");

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestClock clock;

    @Inject
    OrganisationDirectory directory;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void noGroupUnderKIsDerivableFromTheClosedMonthAndOneMoreAnswerChangesNothing() {
        List<Unit> units = directory.organisation().units();
        int width = units.size();
        Map<String, long[]> truth = new LinkedHashMap<>();
        truth.put("n", new long[width]);
        DIMENSIONS.forEach(d -> truth.put(d, new long[width]));

        Random random = new Random(20260701);
        for (Map.Entry<String, Integer> e : EMPLOYEES.entrySet()) {
            int cell = index(units, e.getKey());
            at(LocalDate.of(2026, 7, 1));
            String pulse = code(e.getKey(), "pulse");
            for (int i = 0; i < e.getValue(); i++) {
                Map<String, Object> ratings = new HashMap<>();
                for (String d : DIMENSIONS) {
                    if (random.nextInt(10) < 7) { // some dimensions end under k even in a unit over k
                        ratings.put(d, 1 + random.nextInt(5));
                        truth.get(d)[cell]++;
                    }
                }
                truth.get("n")[cell]++;
                at(LocalDate.of(2026, 7, 6 + random.nextInt(21)));
                send("/submitPulse", pulse, random.nextInt(11), ratings);
            }
        }
        clock.reset();
        LambdaClient.invoke(JULY).statusCode(200);

        // every employee count published for July
        Map<String, List<DerivationAttack.Published>> published = new LinkedHashMap<>();
        truth.keySet().forEach(m -> published.put(m, new ArrayList<>()));
        Map<String, BitSet> scopes = new LinkedHashMap<>();
        for (int i = 0; i < width; i++) {
            scopes.put("unit " + units.get(i).id(), bits(i));
        }
        for (Unit u : units) {
            scopes.computeIfAbsent("region " + u.region(), r -> new BitSet()).set(index(units, u.id()));
        }
        BitSet all = new BitSet();
        all.set(0, width);
        scopes.put("org " + directory.organisation().id(), all);
        Map<String, Object> before = new TreeMap<>();
        for (Map.Entry<String, BitSet> scope : scopes.entrySet()) {
            String[] parts = scope.getKey().split(" ");
            Map<String, Object> snapshot = read(parts[0], parts[1], "MONTH:2026-07");
            before.put(scope.getKey(), snapshot);
            Map<String, Object> employee = snapshot == null ? null : (Map<String, Object>) snapshot.get("employee");
            if (employee == null || Boolean.TRUE.equals(employee.get("suppressed"))) {
                if (employee != null) {
                    assertThat(employee).doesNotContainKeys("n", "enps", "dimensions", "attentionIndex");
                }
                continue;
            }
            published
                    .get("n")
                    .add(new DerivationAttack.Published(
                            scope.getKey(), scope.getValue(), ((Number) employee.get("n")).longValue()));
            Map<String, Map<String, Object>> dims =
                    (Map<String, Map<String, Object>>) employee.getOrDefault("dimensions", Map.of());
            dims.forEach((d, v) -> {
                if (v.get("n") != null) {
                    published
                            .get(d)
                            .add(new DerivationAttack.Published(
                                    scope.getKey() + " " + d, scope.getValue(), ((Number) v.get("n")).longValue()));
                }
            });
        }
        assertThat(published.get("n"))
                .as("something is published: the attack is not vacuous")
                .isNotEmpty();

        // candidates: every union of the region's units (the attacker may add and subtract)
        List<Integer> region =
                EMPLOYEES.keySet().stream().map(u -> index(units, u)).toList();
        List<BitSet> candidates = new ArrayList<>();
        for (int mask = 1; mask < (1 << region.size()); mask++) {
            BitSet group = new BitSet();
            for (int b = 0; b < region.size(); b++) {
                if ((mask & (1 << b)) != 0) {
                    group.set(region.get(b));
                }
            }
            candidates.add(group);
        }
        List<String> leaks = new ArrayList<>();
        for (String measure : truth.keySet()) {
            leaks.addAll(DerivationAttack.leaks(
                    measure,
                    width,
                    truth.get(measure),
                    published.get(measure),
                    candidates,
                    K,
                    g -> g.stream().mapToObj(i -> units.get(i).id()).toList().toString()));
            ReliabilityCounters.add(ReliabilityCounters.ATTACKS, candidates.size());
        }
        ReliabilityCounters.add(ReliabilityCounters.LEAKS, leaks.size());
        assertThat(leaks).isEmpty();

        // weeks and days of July publish no employee figure
        for (String unit : EMPLOYEES.keySet()) {
            for (String period : List.of("WEEK:2026-W28", "WEEK:2026-W29", "WEEK:2026-W30", "DAY:2026-07-13")) {
                Map<String, Object> s = read("unit", unit, period);
                if (s != null) {
                    assertThat(((Map<String, Object>) s.get("employee")).get("suppressed"))
                            .as("%s %s", unit, period)
                            .isEqualTo(true);
                }
            }
        }

        // one more answer, sent now: it lands today by design, so the closed month does not move
        send("/submitPulse", code("lyon-croix-rousse", "pulse"), 10, Map.of("listening", 5));
        LambdaClient.invoke(JULY).statusCode(200);
        Map<String, Object> after = new TreeMap<>();
        for (String scope : scopes.keySet()) {
            String[] parts = scope.split(" ");
            after.put(scope, read(parts[0], parts[1], "MONTH:2026-07"));
        }
        assertThat(after).isEqualTo(before);
    }

    private static BitSet bits(int i) {
        BitSet b = new BitSet();
        b.set(i);
        return b;
    }

    private static int index(List<Unit> units, String id) {
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException(id);
    }

    private void at(LocalDate day) {
        clock.set(day.atTime(12, 0).atZone(PARIS).toInstant());
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

    private void send(String path, String token, int recommend, Map<String, ?> ratings) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "submissionId",
                UUID.randomUUID().toString(),
                "token",
                token,
                "recommend",
                recommend,
                "ratings",
                ratings));
        Api.anonymous(base)
                .header("User-Agent", "phone-" + UUID.randomUUID())
                .body(body)
                .post(path)
                .then()
                .statusCode(200);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String scope, String id, String period) {
        Response response = Api.manager(base)
                .queryParam("scope", scope)
                .queryParam("id", id)
                .queryParam("period", period)
                .get("/getSnapshot");
        if (response.statusCode() == 404) {
            return null;
        }
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> copy = new LinkedHashMap<>(response.as(Map.class));
        copy.remove("computedAt");
        return copy;
    }
}
