package app.symmetry.snapshot;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import app.symmetry.anonymity.AnonymityPolicy;
import app.symmetry.anonymity.GroupCounts;
import app.symmetry.anonymity.OrganisationCounts;
import app.symmetry.anonymity.Withholding;
import app.symmetry.domain.Period;
import app.symmetry.domain.PeriodType;
import app.symmetry.domain.Snapshot;
import app.symmetry.domain.UnitDays;
import app.symmetry.indicator.Correlation;
import app.symmetry.indicator.DimensionScore;
import app.symmetry.indicator.GroupFigures;
import app.symmetry.indicator.LaggedCorrelation;
import app.symmetry.indicator.Nps;
import app.symmetry.indicator.PublishedValue;
import app.symmetry.indicator.SideFigures;
import app.symmetry.indicator.SideTally;
import app.symmetry.indicator.Trend;
import app.symmetry.indicator.UnitValues;
import app.symmetry.organisation.Organisation;
import app.symmetry.organisation.Unit;

/**
 * Where per-day tallies become published snapshots: pure code, no storage.
 * <p>
 * Every figure of a region or the organisation is computed over the pooled answers of its units
 * (smoke units are never pooled: {@link Organisation#pooledUnits}).
 * The employee side is published only under every one of these rules, applied together:
 * <ol>
 * <li>for one kind of period only ({@code period_type}; months by default): a month is not made of weeks, so
 * weeks and months published together could be subtracted from each other down to a few days; employee
 * groups of one kind never overlap in time;</li>
 * <li>not while the period is open, nor until the answers received before its end have all been stored (the
 * settle time: the {@code today} a run passes is the day a settle time ago), so no one can compare two versions
 * of the same group one answer apart; once published for a closed period, an employee side is never changed
 * ({@link #closedEmployeeSide}, which the snapshot store keeps);</li>
 * <li>not under k answers ({@code small_group}), and no dimension under k ratings;</li>
 * <li>complementary suppression ({@code complementary}) of units within their region and of regions within the
 * organisation, side and dimensions, so that a parent minus its visible children never leaves 1 to k − 1
 * people ({@link AnonymityPolicy#complementary});</li>
 * </ol>
 */
public final class SnapshotAssembler {

    public static final int CUSTOMER_MINIMUM = 10;
    static final String UNIT = "unit";
    static final String REGION = "region";
    static final String ORG = "org";
    private static final String OPEN_PERIOD = "open_period";
    private static final String PERIOD_TYPE = "period_type";

    private final Organisation organisation;
    private final AnonymityPolicy policy;
    private final PeriodType employeePeriod;

    /** @param employeePeriod the one kind of period employee figures are published for: WEEK or MONTH */
    public SnapshotAssembler(Organisation organisation, AnonymityPolicy policy, PeriodType employeePeriod) {
        if (employeePeriod == PeriodType.DAY) {
            throw new IllegalArgumentException(
                    "employee figures are never published per day: groups that small are too easy to isolate");
        }
        this.organisation = organisation;
        this.policy = policy;
        this.employeePeriod = employeePeriod;
    }

    /**
     * Whether this snapshot's employee side is that of a closed period of the employee period type,
     * figures or suppressed (small group, complementary): final. A later run, a recompute or a late
     * answer must not give that group a second version: one answer more or less between the two would
     * be one person's answer. Its raw answers may even have expired since (retention), so a run could
     * only recompute it from fewer.
     */
    public static boolean closedEmployeeSide(Snapshot snapshot) {
        String reason = snapshot.employee().reason();
        return !OPEN_PERIOD.equals(reason) && !PERIOD_TYPE.equals(reason);
    }

    /** The days whose tallies {@link #assemble} needs for these periods: theirs and their predecessors'. */
    public static LocalDate[] daysNeeded(Set<Period> targets) {
        LocalDate from = null;
        LocalDate to = null;
        for (Period p : targets) {
            for (Period q : List.of(p, p.previous())) {
                from = from == null || q.start().isBefore(from) ? q.start() : from;
                to = to == null || q.end().isAfter(to) ? q.end() : to;
            }
        }
        return new LocalDate[] {from, to};
    }

    /**
     * Every snapshot of every group for these periods.
     *
     * @param days each unit's day tallies, covering {@link #daysNeeded}
     * @param today each unit's current day in its own time zone
     */
    public List<Snapshot> assemble(
            Map<String, UnitDays> days, Map<String, LocalDate> today, Set<Period> targets, String computedAt) {
        return assemble(days, today, targets, computedAt, true);
    }

    /**
     * What a run stores: every snapshot but the units' days. A unit's day depends on that unit's tallies
     * alone (no employee figure is ever published for a day, so nothing of its neighbours enters it):
     * it is computed when read, by {@link #unitDay}, from the tallies the run stored. Four in five of a
     * run's snapshots are unit days; not writing them makes a run that much lighter.
     */
    public List<Snapshot> assembleStored(
            Map<String, UnitDays> days, Map<String, LocalDate> today, Set<Period> targets, String computedAt) {
        return assemble(days, today, targets, computedAt, false);
    }

    /**
     * A unit's day snapshot, as {@link #assemble} gives it in the whole organisation (a property test
     * holds the two equal), from the unit's tallies of that day and the day before; empty when no run
     * has computed that day. It shows the time of the run that stored the day's tallies, and the day
     * is open if it was still that unit's today then.
     */
    public Optional<Snapshot> unitDay(Unit unit, UnitDays days, LocalDate day) {
        if (!days.customer().containsKey(day)) {
            return Optional.empty();
        }
        Instant at = days.computedAt().get(day);
        Organisation alone = new Organisation(
                organisation.id(),
                organisation.name(),
                List.of(unit),
                organisation.questionnaire(),
                organisation.defaultLanguage());
        return new SnapshotAssembler(alone, policy, employeePeriod)
                        .assemble(
                                Map.of(unit.id(), days),
                                at == null ? Map.of() : Map.of(unit.id(), LocalDate.ofInstant(at, unit.zone())),
                                Set.of(Period.containing(PeriodType.DAY, day)),
                                at == null ? null : at.toString(),
                                true)
                        .stream()
                        .filter(s -> s.scope().equals(UNIT))
                        .findFirst();
    }

    private List<Snapshot> assemble(
            Map<String, UnitDays> days,
            Map<String, LocalDate> today,
            Set<Period> targets,
            String computedAt,
            boolean unitDays) {
        Map<Period, Layer> layers = new HashMap<>();
        for (Period p : targets) {
            layers.computeIfAbsent(p, q -> layer(q, days, today));
            layers.computeIfAbsent(p.previous(), q -> layer(q, days, today));
        }
        List<Snapshot> out = new ArrayList<>();
        for (Period p : new TreeSet<>(targets)) {
            Layer current = layers.get(p);
            Layer previous = layers.get(p.previous());
            for (String entity : current.groups.keySet()) {
                if (unitDays || p.type() != PeriodType.DAY || !entity.startsWith(UNIT + "#")) {
                    out.add(snapshot(p, entity, current, previous, computedAt));
                }
            }
        }
        return out;
    }

    /** All groups of one period: their tallies, and what of their employee side may be shown. */
    private final class Layer {
        final Map<String, SideTally> customer = new LinkedHashMap<>();
        final Map<String, SideTally> employee = new LinkedHashMap<>();
        final Map<String, Boolean> groups = new LinkedHashMap<>();
        final Map<String, String> suppressed = new HashMap<>();
        final Map<String, Set<String>> withheldDimensions = new HashMap<>();
        final Map<String, GroupFigures> published = new HashMap<>();

        void withhold(String entity, String reason) {
            suppressed.putIfAbsent(entity, reason);
        }
    }

    private Layer layer(Period p, Map<String, UnitDays> days, Map<String, LocalDate> today) {
        Layer layer = new Layer();
        // each unit's period once; a region or the organisation adds up its units' totals
        Map<String, SideTally> customer = new HashMap<>();
        Map<String, SideTally> employee = new HashMap<>();
        for (Unit unit : organisation.units()) {
            UnitDays d = days.get(unit.id());
            customer.put(unit.id(), d == null ? SideTally.empty() : total(d.customer(), p));
            employee.put(unit.id(), d == null ? SideTally.empty() : total(d.employee(), p));
        }
        Map<String, List<Unit>> regions = organisation.unitsByRegion();
        for (Map.Entry<String, List<Unit>> region : regions.entrySet()) {
            for (Unit unit : region.getValue()) {
                addGroup(layer, key(UNIT, unit.id()), p, List.of(unit), customer, employee, today);
            }
            addGroup(layer, key(REGION, region.getKey()), p, region.getValue(), customer, employee, today);
        }
        // a smoke unit is a group of its own: in no region, not in the organisation, in no correlation
        for (Unit unit : organisation.smokeUnits()) {
            addGroup(layer, key(UNIT, unit.id()), p, List.of(unit), customer, employee, today);
        }
        String orgKey = key(ORG, organisation.id());
        addGroup(layer, orgKey, p, organisation.pooledUnits(), customer, employee, today);

        if (p.type() != employeePeriod) {
            // nothing of the employee side is shown for this period: the finer rules have nothing to hide
            layer.groups.keySet().forEach(g -> layer.withhold(g, PERIOD_TYPE));
            return layer;
        }
        layer.groups.keySet().forEach(g -> {
            if (!policy.publishes(layer.employee.get(g).n())) {
                layer.withhold(g, "small_group");
            }
        });
        complementary(layer, regions, orgKey);
        return layer;
    }

    /** The anonymity rules across levels ({@link AnonymityPolicy#complementary}), on this layer's groups. */
    private void complementary(Layer layer, Map<String, List<Unit>> regions, String orgKey) {
        Map<String, List<String>> unitsByRegion = new LinkedHashMap<>();
        regions.forEach((region, units) -> unitsByRegion.put(
                key(REGION, region), units.stream().map(u -> key(UNIT, u.id())).toList()));
        Map<String, GroupCounts> counts = new HashMap<>();
        layer.employee.forEach((group, tally) -> counts.put(group, GroupCounts.of(tally)));
        Withholding withheld =
                policy.complementary(new OrganisationCounts(orgKey, unitsByRegion, counts), layer.suppressed.keySet());
        withheld.groups().forEach(group -> layer.withhold(group, "complementary"));
        withheld.dimensions()
                .forEach((group, dims) -> layer.withheldDimensions
                        .computeIfAbsent(group, g -> new HashSet<>())
                        .addAll(dims));
    }

    /** A group's answers are its units' answers pooled; its period is open while it is open for any of them. */
    private void addGroup(
            Layer layer,
            String key,
            Period p,
            List<Unit> members,
            Map<String, SideTally> unitCustomer,
            Map<String, SideTally> unitEmployee,
            Map<String, LocalDate> today) {
        SideTally customer = SideTally.empty();
        SideTally employee = SideTally.empty();
        for (Unit u : members) {
            customer = customer.plus(unitCustomer.get(u.id()));
            employee = employee.plus(unitEmployee.get(u.id()));
        }
        layer.customer.put(key, customer);
        layer.employee.put(key, employee);
        layer.groups.put(key, true);
        if (members.stream().anyMatch(u -> !p.closedOn(today.getOrDefault(u.id(), LocalDate.MAX)))) {
            layer.withhold(key, OPEN_PERIOD);
        }
    }

    private static SideTally total(Map<LocalDate, SideTally> days, Period p) {
        SideTally total = SideTally.empty();
        if (days.size() > p.end().toEpochDay() - p.start().toEpochDay()) {
            // a unit's days span more than the period: look the period's days up
            for (LocalDate d = p.start(); !d.isAfter(p.end()); d = d.plusDays(1)) {
                SideTally day = days.get(d);
                total = day == null ? total : total.plus(day);
            }
            return total;
        }
        for (Map.Entry<LocalDate, SideTally> d : days.entrySet()) {
            if (p.contains(d.getKey())) {
                total = total.plus(d.getValue());
            }
        }
        return total;
    }

    /** A group's figures as published, computed when first needed: a run storing no unit days needs no unit's day figures. */
    private GroupFigures published(Layer layer, String entity) {
        return layer.published.computeIfAbsent(entity, e -> publishedFigures(layer, e));
    }

    private GroupFigures publishedFigures(Layer layer, String entity) {
        Optional<SideFigures> customer = SideFigures.of(layer.customer.get(entity));
        Optional<SideFigures> employee = layer.suppressed.containsKey(entity)
                ? Optional.empty()
                : SideFigures.of(layer.employee.get(entity))
                        .flatMap(f -> policy.publish(f, layer.withheldDimensions.getOrDefault(entity, Set.of())));
        return new GroupFigures(customer, employee);
    }

    private Snapshot snapshot(Period p, String entity, Layer current, Layer previous, String computedAt) {
        String scope = entity.substring(0, entity.indexOf('#'));
        String id = entity.substring(entity.indexOf('#') + 1);
        GroupFigures figures = published(current, entity);
        SideTally customerTally = current.customer.get(entity);

        Snapshot.CustomerSide customer = figures.customer()
                .map(c -> new Snapshot.CustomerSide(
                        c.n(),
                        nps(c.nps()),
                        dimensions(c),
                        round(c.attentionIndex()),
                        c.n() < CUSTOMER_MINIMUM ? Boolean.TRUE : null))
                .orElse(new Snapshot.CustomerSide(customerTally.n(), null, Map.of(), null, Boolean.TRUE));
        Snapshot.EmployeeSide employee = figures.employee()
                .map(e -> new Snapshot.EmployeeSide(
                        e.n(), false, nps(e.nps()), dimensions(e), round(e.attentionIndex()), null, null))
                .orElseGet(() -> Snapshot.EmployeeSide.suppressed(
                        policy.k(), current.suppressed.getOrDefault(entity, "small_group")));

        Map<String, Double> gaps = null;
        Double symmetry = null;
        if (figures.employee().isPresent() && figures.customer().isPresent()) {
            var g = figures.gaps();
            if (!g.byDimension().isEmpty()) {
                gaps = new TreeMap<>();
                for (var e : g.byDimension().entrySet()) {
                    gaps.put(e.getKey(), PublishedValue.oneDecimal(e.getValue()));
                }
            }
            symmetry = round(g.symmetry());
        }
        Map<String, Double> trend = null;
        if (previous != null && previous.groups.containsKey(entity)) {
            Map<String, Double> changes = Trend.between(
                            rounded(published(previous, entity).figuresByPath()), rounded(figures.figuresByPath()))
                    .changes();
            trend = changes.isEmpty() ? null : new TreeMap<>(changes);
        }
        Snapshot.CorrelationView correlation = scope.equals(UNIT) ? null : correlation(entity, current, previous);
        return new Snapshot(
                scope,
                id,
                p.key(),
                Snapshot.METHOD_VERSION,
                computedAt,
                customer,
                employee,
                gaps,
                symmetry,
                trend,
                correlation);
    }

    private Snapshot.CorrelationView correlation(String entity, Layer current, Layer previous) {
        List<Unit> units = entity.startsWith(ORG + "#")
                ? organisation.pooledUnits()
                : organisation.unitsByRegion().getOrDefault(entity.substring(entity.indexOf('#') + 1), List.of());
        UnitValues now = unitValues(units, current);
        Correlation c = Correlation.across(now);
        Snapshot.Lagged lagged = null;
        if (previous != null) {
            LaggedCorrelation l = LaggedCorrelation.between(unitValues(units, previous), now);
            lagged = new Snapshot.Lagged(lagView(l.employeeLeads()), lagView(l.customerLeads()));
        }
        return new Snapshot.CorrelationView(
                c.units(),
                round2(c.pearson()),
                c.pearson95()
                        .map(ci ->
                                List.of(PublishedValue.twoDecimals(ci.lower()), PublishedValue.twoDecimals(ci.upper())))
                        .orElse(null),
                round2(c.spearman()),
                lagged);
    }

    private static Snapshot.LaggedView lagView(Correlation c) {
        return new Snapshot.LaggedView(round2(c.pearson()), c.units());
    }

    /** Only units whose employee side is published take part: a hidden side must not leak through a coefficient. */
    private UnitValues unitValues(List<Unit> units, Layer layer) {
        Map<String, Double> employee = new TreeMap<>();
        Map<String, Double> customer = new TreeMap<>();
        for (Unit u : units) {
            GroupFigures f = layer.groups.containsKey(key(UNIT, u.id())) ? published(layer, key(UNIT, u.id())) : null;
            if (f == null || f.employee().isEmpty() || f.customer().isEmpty()) {
                continue;
            }
            var e = f.employee().get().attentionIndex();
            var c = f.customer().get().attentionIndex();
            if (e.isPresent() && c.isPresent()) {
                employee.put(u.id(), e.getAsDouble());
                customer.put(u.id(), c.getAsDouble());
            }
        }
        return new UnitValues(employee, customer);
    }

    private static Map<String, Double> rounded(Map<String, Double> figures) {
        Map<String, Double> out = new TreeMap<>();
        figures.forEach((k, v) -> out.put(k, PublishedValue.oneDecimal(v)));
        return out;
    }

    private static Snapshot.NpsView nps(Nps nps) {
        return new Snapshot.NpsView(PublishedValue.oneDecimal(nps.value()), round(nps.moe95()));
    }

    private static Map<String, Snapshot.DimensionView> dimensions(SideFigures side) {
        Map<String, Snapshot.DimensionView> out = new TreeMap<>();
        for (Map.Entry<String, DimensionScore> d : side.dimensions().entrySet()) {
            out.put(
                    d.getKey(),
                    new Snapshot.DimensionView(
                            d.getValue().n(),
                            PublishedValue.oneDecimal(d.getValue().score())));
        }
        return out;
    }

    private static Double round(OptionalDouble value) {
        return value.isPresent() ? PublishedValue.oneDecimal(value.getAsDouble()) : null;
    }

    private static Double round2(OptionalDouble value) {
        return value.isPresent() ? PublishedValue.twoDecimals(value.getAsDouble()) : null;
    }

    static String key(String scope, String id) {
        return scope + "#" + id;
    }
}
