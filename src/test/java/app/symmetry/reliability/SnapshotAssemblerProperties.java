package app.symmetry.reliability;

import static app.symmetry.testing.RandomCases.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import app.symmetry.organisation.Unit;
import app.symmetry.snapshot.SnapshotAssembler;
import app.symmetry.testing.ReliabilityCounters;

/**
 * Pure property of {@link SnapshotAssembler} (no storage): random organisations (2–3
 * regions of 1–3 units), random employee answers per unit and day over a month and the weeks
 * around it, assembled as closed periods. The {@link DerivationAttack} then combines every
 * published employee count (side and each dimension) of units, regions and the organisation,
 * months and weeks (those crossing the month boundaries included), and no group of 1 to k − 1
 * answers may come out. The seed drives everything, so a failure prints a reproducible case.
 */
class SnapshotAssemblerProperties {

    static final List<String> DIMENSIONS =
            List.of("listening", "ownership", "information", "recognition", "cooperation");
    static final int K = AnonymityPolicy.DEFAULT_K;

    record Case(
            Organisation org,
            Map<String, List<String>> regions,
            Map<String, Map<LocalDate, List<SideTally>>> answers,
            Fragments grid) {}

    static Case randomCase(long seed) {
        Random random = new Random(seed);
        int[] months = {3, 6, 8, 11, 12};
        int month = months[random.nextInt(months.length)];
        int year = 2025 + random.nextInt(3);
        int regionCount = 2 + random.nextInt(2);
        List<Unit> units = new ArrayList<>();
        Map<String, List<String>> regions = new LinkedHashMap<>();
        for (int r = 0; r < regionCount; r++) {
            int size = 1 + random.nextInt(3);
            for (int u = 0; u < size; u++) {
                String id = "u" + r + "-" + u;
                units.add(new Unit(id, id, "r" + r, "Europe/Paris", List.of("fr")));
                regions.computeIfAbsent("r" + r, x -> new ArrayList<>()).add(id);
            }
        }
        Organisation org = new Organisation("org", "org", units, null);
        Fragments grid = new Fragments(units.stream().map(Unit::id).toList(), year, month);
        // Sparse, small answer counts: the regime where anonymity is hard.
        double density = 0.05 + random.nextDouble() * 0.3;
        Map<String, Map<LocalDate, List<SideTally>>> answers = new HashMap<>();
        for (Unit u : units) {
            Map<LocalDate, List<SideTally>> days = new HashMap<>();
            for (LocalDate d = grid.firstDay(); !d.isAfter(grid.lastDay()); d = d.plusDays(1)) {
                if (random.nextDouble() < density) {
                    int n = 1 + random.nextInt(random.nextBoolean() ? 2 : 6);
                    List<SideTally> list = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        Map<String, Integer> ratings = new HashMap<>();
                        for (String dim : DIMENSIONS) {
                            if (random.nextInt(10) < 7) {
                                ratings.put(dim, 1 + random.nextInt(5));
                            }
                        }
                        list.add(SideTally.of(random.nextInt(11), ratings));
                    }
                    days.put(d, list);
                }
            }
            answers.put(u.id(), days);
        }
        return new Case(org, regions, answers, grid);
    }

    /** Assembles the case's periods as closed (today is far later) and attacks what was published. */
    static List<String> attack(Case c, boolean dimensions) {
        Map<String, UnitDays> unitDays = new HashMap<>();
        Map<String, LocalDate> today = new HashMap<>();
        c.answers().forEach((unit, days) -> {
            Map<LocalDate, SideTally> employee = new HashMap<>();
            days.forEach((d, list) -> employee.put(d, list.stream().reduce(SideTally.empty(), SideTally::plus)));
            unitDays.put(unit, new UnitDays(Map.of(), employee));
            today.put(unit, c.grid().lastDay().plusMonths(2));
        });
        Set<Period> targets = new TreeSet<>(c.grid().periods);
        List<Snapshot> snapshots = new SnapshotAssembler(c.org(), AnonymityPolicy.DEFAULT, PeriodType.MONTH)
                .assemble(unitDays, today, targets, "2030-01-01T00:00:00Z");
        return attack(c.grid(), c.regions(), c.answers(), snapshots, dimensions);
    }

    /**
     * The attack proper: published employee counts become known sums
     * of cells; every candidate group must be underivable or hold 0 or at least k answers.
     */
    static List<String> attack(
            Fragments grid,
            Map<String, List<String>> regions,
            Map<String, Map<LocalDate, List<SideTally>>> answers,
            List<Snapshot> snapshots,
            boolean dimensions) {
        List<String> allUnits = regions.values().stream().flatMap(List::stream).toList();
        List<String> measures = new ArrayList<>(List.of("n"));
        if (dimensions) {
            measures.addAll(DIMENSIONS);
        }
        List<BitSet> candidates = grid.candidates(regions);
        List<String> leaks = new ArrayList<>();
        for (String measure : measures) {
            long[] truth = new long[grid.width()];
            answers.forEach((unit, days) -> days.forEach((day, list) -> {
                if (!day.isBefore(grid.firstDay()) && !day.isAfter(grid.lastDay())) {
                    for (SideTally t : list) {
                        truth[grid.cell(unit, day)] += measure.equals("n")
                                ? t.n()
                                : t.dimensions().containsKey(measure)
                                        ? t.dimensions().get(measure).count()
                                        : 0;
                    }
                }
            }));
            List<DerivationAttack.Published> published = new ArrayList<>();
            for (Snapshot s : snapshots) {
                Period p = Period.parse(s.period()).orElseThrow();
                if (p.type() == PeriodType.DAY) {
                    assertThat(s.employee().suppressed())
                            .as("a day's employee side: %s %s", s.id(), s.period())
                            .isTrue();
                    continue;
                }
                if (s.employee().suppressed() || !grid.periods.contains(p)) {
                    continue;
                }
                List<String> members = switch (s.scope()) {
                    case "unit" -> List.of(s.id());
                    case "region" -> regions.get(s.id());
                    default -> allUnits;
                };
                Long n = measure.equals("n")
                        ? s.employee().n()
                        : s.employee().dimensions() != null
                                        && s.employee().dimensions().containsKey(measure)
                                ? s.employee().dimensions().get(measure).n()
                                : null;
                if (n != null) {
                    published.add(new DerivationAttack.Published(
                            s.scope() + " " + s.id() + " " + s.period(), grid.cells(members, p), n));
                }
            }
            leaks.addAll(
                    DerivationAttack.leaks(measure, grid.width(), truth, published, candidates, K, grid.describer()));
            ReliabilityCounters.add(ReliabilityCounters.ATTACKS, candidates.size());
        }
        return leaks;
    }

    /**
     * Months minus their visible weeks, weeks across the month boundaries, units against their
     * region and the organisation: no combination of published side counts isolates a small group.
     */
    @Test
    void noPublishedCombinationIsolatesFewerThanKAnswers() {
        forAll(80, random -> random.nextInt(Integer.MAX_VALUE), seed -> {
            List<String> leaks = attack(randomCase(seed), false);
            ReliabilityCounters.add(ReliabilityCounters.LEAKS, leaks.size());
            assertThat(leaks).as("case seed %d", seed).isEmpty();
        });
    }

    /** The same attack on each dimension's published rating counts, which are suppressed on their own. */
    @Test
    void noPublishedCombinationIsolatesFewerThanKRatingsOfADimension() {
        forAll(80, random -> random.nextInt(Integer.MAX_VALUE), seed -> {
            List<String> leaks = attack(randomCase(seed), true);
            assertThat(leaks).as("case seed %d", seed).isEmpty();
        });
    }
}
