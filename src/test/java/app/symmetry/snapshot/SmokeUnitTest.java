package app.symmetry.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import app.symmetry.anonymity.AnonymityPolicy;
import app.symmetry.domain.Period;
import app.symmetry.domain.PeriodType;
import app.symmetry.domain.Snapshot;
import app.symmetry.domain.UnitDays;
import app.symmetry.indicator.SideTally;
import app.symmetry.organisation.Organisation;
import app.symmetry.organisation.Questionnaire;
import app.symmetry.organisation.Unit;

/**
 * The smoke test answers on a deployed system, and nothing can delete an answer: its unit's answers
 * must never move a region's or the organisation's figures, their anonymity rules or their
 * correlations. The smoke unit here even claims a real region.
 */
class SmokeUnitTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final LocalDate MID_OCTOBER = LocalDate.of(2026, 10, 14);
    static final Set<Period> PERIODS = Set.of(
            Period.containing(PeriodType.MONTH, MID_OCTOBER),
            Period.containing(PeriodType.WEEK, MID_OCTOBER),
            Period.containing(PeriodType.DAY, MID_OCTOBER),
            Period.containing(PeriodType.MONTH, TODAY),
            Period.containing(PeriodType.DAY, TODAY));
    static final Questionnaire QUESTIONNAIRE =
            new Questionnaire(new Questionnaire.Headline(Map.of(), Map.of()), List.of());
    static final List<Unit> REAL = List.of(
            unit("a1", "north"),
            unit("a2", "north"),
            unit("a3", "north"),
            unit("b1", "south"),
            unit("b2", "south"),
            unit("b3", "south"));
    static final Unit SMOKE = new Unit("smoke", "Smoke", "north", "UTC", List.of("en"), true);

    static Unit unit(String id, String region) {
        return new Unit(id, id, region, "Europe/Paris", List.of("fr"));
    }

    /** {@code n} answers a side, recommending {@code recommend} and rating listening {@code rating}. */
    static SideTally answers(int n, int recommend, int rating) {
        SideTally t = SideTally.empty();
        for (int i = 0; i < n; i++) {
            t = t.plus(SideTally.of(recommend, Map.of("listening", rating)));
        }
        return t;
    }

    /** Units different enough that every correlation has something to measure; b3's employees are too few. */
    static Map<String, UnitDays> realDays() {
        Map<String, UnitDays> days = new HashMap<>();
        int[] employees = {7, 9, 11, 6, 8, 3};
        for (int i = 0; i < REAL.size(); i++) {
            Map<LocalDate, SideTally> customer = new HashMap<>();
            Map<LocalDate, SideTally> employee = new HashMap<>();
            for (LocalDate day : List.of(MID_OCTOBER, MID_OCTOBER.minusDays(10), TODAY)) {
                customer.put(day, answers(12, 4 + i, 1 + i % 5));
                employee.put(day, answers(employees[i], 10 - i, 5 - i % 4));
            }
            days.put(REAL.get(i).id(), new UnitDays(customer, employee));
        }
        return days;
    }

    /** Enough smoke answers on both sides, on every day, to change any figure they were pooled into. */
    static UnitDays smokeDays() {
        Map<LocalDate, SideTally> customer = new HashMap<>();
        Map<LocalDate, SideTally> employee = new HashMap<>();
        for (LocalDate day : List.of(MID_OCTOBER, MID_OCTOBER.minusDays(10), TODAY)) {
            customer.put(day, answers(40, 0, 1));
            employee.put(day, answers(13, 0, 1));
        }
        return new UnitDays(customer, employee);
    }

    static Map<String, Snapshot> assemble(List<Unit> units, Map<String, UnitDays> days) {
        Organisation org = new Organisation("acme", "Acme", units, QUESTIONNAIRE);
        Map<String, LocalDate> today = units.stream().collect(Collectors.toMap(Unit::id, u -> TODAY));
        return new SnapshotAssembler(org, new AnonymityPolicy(5), PeriodType.MONTH)
                .assemble(days, today, PERIODS, "2026-11-23T06:00:00Z").stream()
                        .collect(Collectors.toMap(
                                s -> s.scope() + "/" + s.id() + "/" + s.period(), Function.identity()));
    }

    static Map<String, Snapshot> pooled(Map<String, Snapshot> snapshots) {
        return snapshots.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("unit/"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void smokeAnswersLeaveEveryRegionAndTheOrganisationAsTheyWere() {
        Map<String, UnitDays> withSmoke = new HashMap<>(realDays());
        withSmoke.put(SMOKE.id(), smokeDays());
        List<Unit> withSmokeUnit =
                Stream.concat(REAL.stream(), Stream.of(SMOKE)).toList();

        Map<String, Snapshot> smoked = assemble(withSmokeUnit, withSmoke);
        Map<String, Snapshot> unanswered = assemble(withSmokeUnit, realDays());
        Map<String, Snapshot> undeclared = assemble(REAL, realDays());

        assertThat(pooled(smoked))
                .isEqualTo(pooled(unanswered))
                .isEqualTo(pooled(undeclared))
                .containsKeys(
                        "region/north/MONTH:2026-10",
                        "region/south/MONTH:2026-10",
                        "org/acme/MONTH:2026-10",
                        "org/acme/WEEK:2026-W42",
                        "org/acme/DAY:2026-10-14",
                        "org/acme/MONTH:2026-11");
        // the real units too: no complementary rule reaches across to the smoke unit
        REAL.forEach(u -> PERIODS.forEach(p -> assertThat(smoked.get("unit/" + u.id() + "/" + p.key()))
                .isEqualTo(undeclared.get("unit/" + u.id() + "/" + p.key()))));
        // and what is compared is worth comparing: the month's organisation figures and correlation are published
        Snapshot org = smoked.get("org/acme/MONTH:2026-10");
        assertThat(org.employee().suppressed()).isFalse();
        assertThat(org.correlation().units()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theSmokeUnitHasItsOwnSnapshotsButNoRegionOfItsOwn() {
        Map<String, UnitDays> withSmoke = new HashMap<>(realDays());
        withSmoke.put(SMOKE.id(), smokeDays());
        Map<String, Snapshot> smoked =
                assemble(Stream.concat(REAL.stream(), Stream.of(SMOKE)).toList(), withSmoke);

        assertThat(smoked.get("unit/smoke/DAY:2026-10-14").customer().n()).isEqualTo(40);
        assertThat(smoked.get("unit/smoke/MONTH:2026-10").customer().n()).isEqualTo(80);

        Organisation smokeAlone = new Organisation("acme", "Acme", List.of(SMOKE), QUESTIONNAIRE);
        assertThat(smokeAlone.unitsByRegion()).isEmpty();
        assertThat(new SnapshotAssembler(smokeAlone, new AnonymityPolicy(5), PeriodType.MONTH)
                        .unitDay(SMOKE, withSmoke.get(SMOKE.id()), MID_OCTOBER))
                .hasValueSatisfying(s -> assertThat(s.customer().n()).isEqualTo(40));
    }
}
