package app.symmetry.snapshot;

import static app.symmetry.testing.RandomCases.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

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
 * A unit's day computed when read ({@link SnapshotAssembler#unitDay}, from that unit's tallies alone)
 * is the snapshot the whole organisation's assembly gives: same figures, trend, suppressed employee
 * side and reason (open or not, in the unit's own time zone), same time. Random organisations, sparse
 * and dense days, employee answers above and below k, runs at any hour.
 */
class UnitDayProperties {

    static final List<String> DIMENSIONS = List.of("listening", "ownership", "information");
    static final List<String> ZONES = List.of("Europe/Paris", "America/New_York", "Asia/Tokyo", "Pacific/Auckland");

    @Test
    void aUnitsDayComputedAloneIsItsDayInTheWholeOrganisation() {
        forAll(60, random -> random.nextLong(), UnitDayProperties::aUnitsDayIsItsDayInTheWholeOrganisation);
    }

    /** One random organisation, made from {@code seed}. */
    private static void aUnitsDayIsItsDayInTheWholeOrganisation(long seed) {
        Random random = new Random(seed);
        List<Unit> units = new ArrayList<>();
        for (int u = 0, n = 2 + random.nextInt(6); u < n; u++) {
            units.add(new Unit(
                    "u" + u, "u" + u, "r" + random.nextInt(3), ZONES.get(random.nextInt(ZONES.size())), List.of("fr")));
        }
        Organisation org = new Organisation(
                "org", "Org", units, new Questionnaire(new Questionnaire.Headline(Map.of(), Map.of()), List.of()));
        LocalDate first = LocalDate.of(2026, 1 + random.nextInt(12), 1).minusDays(3);
        LocalDate last = first.plusDays(20 + random.nextInt(20));
        // the run's time: any hour of the last days, so some units' last day is still open and others' not
        Instant at = last.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(random.nextInt(2 * 86_400) - 86_400L);

        Map<String, UnitDays> days = new HashMap<>();
        Map<String, LocalDate> today = new HashMap<>();
        for (Unit unit : units) {
            Map<LocalDate, SideTally> customer = new HashMap<>();
            Map<LocalDate, SideTally> employee = new HashMap<>();
            Map<LocalDate, Instant> computedAt = new HashMap<>();
            double density = random.nextDouble();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                customer.put(d, answers(random, random.nextDouble() < density ? random.nextInt(25) : 0));
                employee.put(d, answers(random, random.nextDouble() < density ? random.nextInt(8) : 0));
                computedAt.put(d, at);
            }
            days.put(unit.id(), new UnitDays(customer, employee, computedAt));
            today.put(unit.id(), LocalDate.ofInstant(at, unit.zone()));
        }
        Set<Period> targets = new TreeSet<>();
        for (LocalDate d = first.plusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
            for (PeriodType type : PeriodType.values()) {
                targets.add(Period.containing(type, d));
            }
        }
        PeriodType employeePeriod = random.nextBoolean() ? PeriodType.MONTH : PeriodType.WEEK;
        SnapshotAssembler assembler = new SnapshotAssembler(org, AnonymityPolicy.DEFAULT, employeePeriod);
        List<Snapshot> whole = assembler.assemble(days, today, targets, at.toString());
        List<Snapshot> stored = assembler.assembleStored(days, today, targets, at.toString());

        int unitDays = 0;
        for (Snapshot s : whole) {
            Period p = Period.parse(s.period()).orElseThrow();
            if (s.scope().equals("unit") && p.type() == PeriodType.DAY) {
                Unit unit = org.unit(s.id()).orElseThrow();
                assertThat(assembler.unitDay(unit, days.get(unit.id()), p.start()))
                        .as("%s %s", s.id(), s.period())
                        .contains(s);
                assertThat(stored).doesNotContain(s);
                unitDays++;
            } else {
                assertThat(stored).contains(s);
            }
        }
        assertThat(stored).hasSize(whole.size() - unitDays);
        Unit any = units.get(0);
        assertThat(assembler.unitDay(any, days.get(any.id()), last.plusDays(1)))
                .as("a day no run computed")
                .isEmpty();
    }

    private static SideTally answers(Random random, int n) {
        SideTally.Accumulator total = new SideTally.Accumulator();
        for (int i = 0; i < n; i++) {
            Map<String, Integer> ratings = new HashMap<>();
            for (String dimension : DIMENSIONS) {
                if (random.nextInt(10) < 7) {
                    ratings.put(dimension, 1 + random.nextInt(5));
                }
            }
            total.add(random.nextInt(11), ratings);
        }
        return total.tally();
    }
}
