package app.symmetry.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

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

/** The publication rules of {@link SnapshotAssembler}, one by one, on hand-made tallies. */
class SnapshotAssemblerTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final Period OCTOBER = Period.containing(PeriodType.MONTH, LocalDate.of(2026, 10, 1));
    static final Period W42 = Period.containing(PeriodType.WEEK, LocalDate.of(2026, 10, 12));
    static final Period NOVEMBER = Period.containing(PeriodType.MONTH, TODAY);

    static final Organisation ORG = new Organisation(
            "acme",
            "Acme",
            List.of(
                    unit("a1", "north"),
                    unit("a2", "north"),
                    unit("a3", "north"),
                    unit("b1", "south"),
                    unit("b2", "south")),
            new Questionnaire(new Questionnaire.Headline(Map.of(), Map.of()), List.of()));

    static Unit unit(String id, String region) {
        return new Unit(id, id, region, "Europe/Paris", List.of("fr"));
    }

    /** {@code n} employee answers and 12 customer answers on one day, all rating listening 4. */
    static SideTally answers(int n, int recommend) {
        SideTally t = SideTally.empty();
        for (int i = 0; i < n; i++) {
            t = t.plus(SideTally.of(recommend, Map.of("listening", 4)));
        }
        return t;
    }

    static UnitDays days(Map<LocalDate, Integer> employeesPerDay) {
        Map<LocalDate, SideTally> customer = new HashMap<>();
        Map<LocalDate, SideTally> employee = new HashMap<>();
        employeesPerDay.forEach((day, n) -> {
            customer.put(day, answers(12, 9));
            employee.put(day, answers(n, 7));
        });
        return new UnitDays(customer, employee);
    }

    static Map<String, Snapshot> assemble(Map<String, UnitDays> days, Set<Period> periods) {
        Map<String, LocalDate> today = ORG.units().stream().collect(Collectors.toMap(Unit::id, u -> TODAY));
        return new SnapshotAssembler(ORG, new AnonymityPolicy(5), PeriodType.MONTH)
                .assemble(days, today, periods, "2026-11-23T06:00:00Z").stream()
                        .collect(Collectors.toMap(
                                s -> s.scope() + "/" + s.id() + "/" + s.period(), Function.identity()));
    }

    static final LocalDate MID_OCTOBER = LocalDate.of(2026, 10, 14);

    @Test
    void aGroupOfFiveIsPublishedAndAGroupOfFourIsNot() {
        Map<String, UnitDays> days = Map.of(
                "a1",
                days(Map.of(MID_OCTOBER, 5)),
                "a2",
                days(Map.of(MID_OCTOBER, 9)),
                "a3",
                days(Map.of(MID_OCTOBER, 9)),
                "b1",
                days(Map.of(MID_OCTOBER, 4)),
                "b2",
                days(Map.of(MID_OCTOBER, 7)));
        Map<String, Snapshot> s = assemble(days, Set.of(OCTOBER));
        assertThat(s.get("unit/a1/MONTH:2026-10").employee().suppressed()).isFalse();
        assertThat(s.get("unit/a1/MONTH:2026-10").employee().n()).isEqualTo(5);
        Snapshot.EmployeeSide b1 = s.get("unit/b1/MONTH:2026-10").employee();
        assertThat(b1.suppressed()).isTrue();
        assertThat(b1.reason()).isEqualTo("small_group");
        assertThat(b1.n()).isNull();
        assertThat(b1.minimumGroupSize()).isEqualTo(5);
        assertThat(s.get("unit/b1/MONTH:2026-10").gaps()).isNull();
        // south minus its only visible unit would be b1's four: b2 is withheld too
        assertThat(s.get("unit/b2/MONTH:2026-10").employee().reason()).isEqualTo("complementary");
        // north is whole: all published, and the organisation minus north leaves south's eleven
        assertThat(s.get("region/north/MONTH:2026-10").employee().n()).isEqualTo(23);
        assertThat(s.get("org/acme/MONTH:2026-10").employee().n()).isEqualTo(34);
    }

    @Test
    void aRegionUnderKIsHiddenAndSoIsTheRegionBesideIt() {
        Map<String, UnitDays> days = Map.of(
                "a1",
                days(Map.of(MID_OCTOBER, 6)),
                "a2",
                days(Map.of(MID_OCTOBER, 6)),
                "a3",
                days(Map.of(MID_OCTOBER, 6)),
                "b1",
                days(Map.of(MID_OCTOBER, 2)),
                "b2",
                days(Map.of(MID_OCTOBER, 1)));
        Map<String, Snapshot> s = assemble(days, Set.of(OCTOBER));
        assertThat(s.get("region/south/MONTH:2026-10").employee().suppressed()).isTrue();
        // the organisation minus north would reveal south's three
        assertThat(s.get("region/north/MONTH:2026-10").employee().reason()).isEqualTo("complementary");
        // and north hidden while all its units show would be their sum: one of them goes too
        long visibleNorth = List.of("a1", "a2", "a3").stream()
                .filter(u -> !s.get("unit/" + u + "/MONTH:2026-10").employee().suppressed())
                .count();
        assertThat(visibleNorth).isLessThan(3);
        assertThat(s.get("org/acme/MONTH:2026-10").employee().n()).isEqualTo(21);
    }

    @Test
    void noEmployeeFigureForADayNorWhileAPeriodIsOpen() {
        Map<String, UnitDays> days = Map.of("a1", days(Map.of(MID_OCTOBER, 30, TODAY, 30)));
        Period day = Period.containing(PeriodType.DAY, MID_OCTOBER);
        Map<String, Snapshot> s = assemble(days, Set.of(day, NOVEMBER));
        assertThat(s.get("unit/a1/DAY:2026-10-14").employee().reason()).isEqualTo("period_type");
        assertThat(s.get("unit/a1/DAY:2026-10-14").customer().n()).isEqualTo(12);
        assertThat(s.get("unit/a1/MONTH:2026-11").employee().reason()).isEqualTo("open_period");
        assertThat(s.get("org/acme/MONTH:2026-11").employee().reason()).isEqualTo("open_period");
    }

    @Test
    void employeeFiguresArePublishedForOneKindOfPeriodOnly() {
        // weeks are not parts of months: publishing both would let October minus its weeks isolate a few days
        Map<String, UnitDays> days = Map.of("a1", days(Map.of(MID_OCTOBER, 30)));
        Map<String, Snapshot> s = assemble(days, Set.of(OCTOBER, W42));
        assertThat(s.get("unit/a1/MONTH:2026-10").employee().n()).isEqualTo(30);
        assertThat(s.get("unit/a1/WEEK:2026-W42").employee().reason()).isEqualTo("period_type");
        assertThat(s.get("unit/a1/WEEK:2026-W42").customer().n()).isEqualTo(12);

        Map<String, LocalDate> today = Map.of("a1", TODAY);
        Snapshot weekly = new SnapshotAssembler(ORG, new AnonymityPolicy(5), PeriodType.WEEK)
                .assemble(days, today, Set.of(OCTOBER, W42), "t").stream()
                        .filter(x -> x.id().equals("a1") && x.period().equals("WEEK:2026-W42"))
                        .findFirst()
                        .orElseThrow();
        assertThat(weekly.employee().n()).isEqualTo(30);
    }

    @Test
    void customersUnderTenAreShownButMarked() {
        Map<LocalDate, SideTally> customer = Map.of(MID_OCTOBER, answers(9, 10));
        Map<String, Snapshot> s = assemble(Map.of("a1", new UnitDays(customer, Map.of())), Set.of(OCTOBER));
        Snapshot.CustomerSide side = s.get("unit/a1/MONTH:2026-10").customer();
        assertThat(side.n()).isEqualTo(9);
        assertThat(side.insufficient()).isTrue();
        assertThat(side.nps().value()).isEqualTo(100.0);
        assertThat(s.get("unit/a2/MONTH:2026-10").customer().n()).isZero();
    }

    @Test
    void theTrendComparesWithThePreviousPeriodOfTheSameKind() {
        Map<String, UnitDays> days = Map.of(
                "a1",
                new UnitDays(
                        Map.of(LocalDate.of(2026, 9, 10), answers(10, 10), MID_OCTOBER, answers(10, 0)), Map.of()));
        Snapshot october = assemble(days, Set.of(OCTOBER)).get("unit/a1/MONTH:2026-10");
        assertThat(october.trend()).containsEntry("customer.nps", -200.0);
    }
}
