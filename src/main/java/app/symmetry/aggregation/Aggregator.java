package app.symmetry.aggregation;

import app.symmetry.domain.AggregationReport;
import app.symmetry.domain.DayProgress;
import app.symmetry.domain.Period;
import app.symmetry.domain.PeriodType;
import app.symmetry.domain.SettledCustomers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import app.symmetry.SymmetryConfig;
import app.symmetry.domain.Side;
import app.symmetry.indicator.SideTally;
import app.symmetry.organisation.Organisation;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.domain.Snapshot;
import app.symmetry.snapshot.PublicationRules;
import app.symmetry.snapshot.SnapshotAssembler;
import app.symmetry.domain.UnitDays;
import app.symmetry.storage.AnswerStore;
import app.symmetry.storage.Batches;
import app.symmetry.storage.RunStore;
import app.symmetry.storage.SnapshotStore;
import app.symmetry.storage.TallyStore;

/**
 * Turns raw answers into snapshots.
 * <p>
 * A run (1) reads the answers of the days it recomputes, one Query per unit, side and day, and
 * stores each day's tally; (2) reads the tallies of every period containing those days, and of the
 * periods before them for trends; (3) assembles the snapshots of units, regions and the organisation
 * and writes them, except the units' days, which are computed from the stored tallies when read
 * ({@link app.symmetry.snapshot.UnitDaySnapshots}). Each step is a pure function of what the
 * previous one stored, so a run killed half-way and run again leaves what an uninterrupted run
 * leaves. A scheduled run reads only what came in since the last one ({@link SettledCustomers}), so
 * its cost follows the new answers, not the day so far nor the size of the table. Units are
 * processed in parallel within a bound.
 */
@Singleton
public class Aggregator {

    private static final Logger LOG = Logger.getLogger(Aggregator.class);
    public static final int MAX_RANGE_DAYS = 400;
    /** Units whose tallies one task reads: their month items fill one BatchGetItem or a few. */
    private static final int TALLY_READ_GROUP = 50;

    private final OrganisationDirectory directory;
    private final AnswerStore answers;
    private final TallyStore tallies;
    private final SnapshotStore snapshots;
    private final RunStore runs;
    private final Clock clock;
    private final PublicationRules rules;
    private final Duration grace;
    private final Duration lease;
    private final Duration settle;
    private final int parallelism;

    public Aggregator(OrganisationDirectory directory, AnswerStore answers, TallyStore tallies, SnapshotStore snapshots,
            RunStore runs, Clock clock, PublicationRules rules, SymmetryConfig config) {
        this.directory = directory;
        this.answers = answers;
        this.tallies = tallies;
        this.snapshots = snapshots;
        this.runs = runs;
        this.clock = clock;
        this.rules = rules;
        this.grace = config.aggregationGrace();
        this.lease = config.aggregationLease();
        this.settle = config.aggregationSettle();
        this.parallelism = Math.max(1, config.aggregationParallelism());
    }

    /**
     * The scheduler's run: for each unit, the days its clock shows from {@code grace} before the
     * scheduled time to that time, and every period containing them. An answer belongs to the day it
     * was received, so only the current day changes, except just after midnight, when the day before
     * takes its last answers. Of each day the run reads the customer answers received since the last
     * run settled it ({@link SettledCustomers}): an hour's worth, plus the settle time. A unit's current
     * day is read for its customers only: no employee figure of an open period is ever published (the
     * day, its week and its month are all open). The runs after midnight read the finished day's
     * employee answers whole (they keep no time to read them by) until one reads them a settle time
     * after the day's end, before any period containing the day closes; later runs of the grace skip
     * them. A retried event for the same scheduled time returns the first run's report without running
     * again.
     */
    public AggregationReport runScheduled(Instant scheduledTime) {
        Instant at = scheduledTime.truncatedTo(ChronoUnit.SECONDS);
        String runKey = "scheduled#" + at;
        RunStore.Claim claim = runs.claim(runKey, clock.instant(), lease);
        if (claim instanceof RunStore.Completed done) {
            return done.report();
        }
        if (claim instanceof RunStore.Busy) {
            LOG.infof("run %s is in progress elsewhere; leaving it there", runKey);
            return new AggregationReport(0, 0, 0);
        }
        Map<String, LocalDate> today = todayByUnit(at);
        LocalDate to = today.values().stream().max(LocalDate::compareTo).orElseThrow();
        LocalDate from = todayByUnit(at.minus(grace)).values().stream().min(LocalDate::compareTo).orElseThrow();
        // answers are stamped by the clock, and a retried event runs after its time: whichever is earlier
        Instant now = clock.instant();
        Instant asOf = at.isBefore(now) ? at : now;
        // with less than an hour of grace, an hourly schedule may have no run after midnight that
        // still reads the finished day: every run then reads both sides of it
        AggregationReport report = aggregate(from, to, today, grace.compareTo(Duration.ofHours(1)) >= 0, Optional.of(asOf));
        runs.complete(runKey, report, clock.instant());
        return report;
    }

    /**
     * Recomputes every day from {@code from} to {@code to} (inclusive), each read whole, and the
     * periods containing them; the scheduled runs' progress through those days is dropped, so the next
     * scheduled run reads its days whole too: a recompute repairs whatever it covers.
     */
    public AggregationReport recompute(LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusDays(MAX_RANGE_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("a range is 1 to " + MAX_RANGE_DAYS + " days, from before to");
        }
        return aggregate(from, to, todayByUnit(clock.instant()), false, Optional.empty());
    }

    /**
     * @param asOf a scheduled run's time: the run reads only the customer answers received since the
     *        last run's settled time, and skips a finished day's employees once read after it settled;
     *        empty for a recompute, which reads every day whole and keeps no progress
     */
    private AggregationReport aggregate(LocalDate from, LocalDate to, Map<String, LocalDate> today,
            boolean currentDayCustomersOnly, Optional<Instant> asOf) {
        long started = System.nanoTime();
        // one time for the run: its snapshots show it, and so do the unit days computed from its tallies
        Instant computedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Organisation organisation = directory.organisation();
        AtomicLong answersRead = new AtomicLong();
        List<LocalDate> days = from.datesUntil(to.plusDays(1)).toList();
        Map<String, UnitDays> unitDays = new ConcurrentHashMap<>();
        Map<String, DayProgress> progress = new ConcurrentHashMap<>();
        if (asOf.isPresent()) {
            inParallel(Batches.of(organisation.units().stream().map(Unit::id).toList(), TALLY_READ_GROUP), group -> {
                progress.putAll(tallies.progress(group, days));
                return null;
            });
        }
        Optional<Instant> settleBefore = asOf.map(t -> t.minus(settle).truncatedTo(ChronoUnit.SECONDS));
        inParallel(organisation.units(), unit -> {
            DayProgress before = progress.getOrDefault(unit.id(), DayProgress.NONE);
            Map<LocalDate, SideTally> customer = new HashMap<>();
            Map<LocalDate, SideTally> employee = new HashMap<>();
            Map<LocalDate, SettledCustomers> settled = new HashMap<>();
            Map<LocalDate, Instant> employeesRead = new HashMap<>();
            LocalDate open = currentDayCustomersOnly ? today.get(unit.id()) : null;
            for (LocalDate day : days) {
                Instant dayEnd = day.plusDays(1).atStartOfDay(unit.zone()).toInstant();
                CustomerDay customers = customers(unit.id(), day, dayEnd, before.settled().get(day), settleBefore);
                customer.put(day, customers.tally());
                answersRead.addAndGet(customers.answersRead());
                if (customers.settled() != null) {
                    settled.put(day, customers.settled());
                }

                if (!day.equals(open) && !before.employeesFinal(day, dayEnd, settle)) {
                    SideTally employees = tallyOf(Side.EMPLOYEE, unit.id(), day);
                    employee.put(day, employees);
                    answersRead.addAndGet(employees.n());
                    asOf.ifPresent(t -> employeesRead.put(day, t));
                }
            }
            unitDays.put(unit.id(), tallies.putDays(unit.id(), customer, employee, new DayProgress(settled, employeesRead), computedAt));
            return null;
        });

        Set<Period> targets = new TreeSet<>();
        for (LocalDate day : days) {
            for (PeriodType type : EnumSet.allOf(PeriodType.class)) {
                targets.add(Period.containing(type, day));
            }
        }
        long dayTallies = System.nanoTime();
        // the months just written came back with their updates: only the others are read
        LocalDate[] needed = SnapshotAssembler.daysNeeded(targets);
        Set<YearMonth> monthsWritten = days.stream().map(YearMonth::from).collect(Collectors.toSet());
        inParallel(Batches.of(organisation.units().stream().map(Unit::id).toList(), TALLY_READ_GROUP), group -> {
            tallies.read(group, needed[0], needed[1], monthsWritten).forEach((unit, other) -> unitDays.merge(unit, other, UnitDays::with));
            return null;
        });
        long periodTallies = System.nanoTime();
        List<Snapshot> assembled = rules.assembler(organisation).assembleStored(unitDays, today, targets, computedAt.toString());
        long assembly = System.nanoTime();
        // a batch of snapshots is written per task, as many at once as units are read: on DynamoDB the
        // writes of one run are independent items, and a run's wall time is its Lambda bill
        inParallel(Batches.of(assembled, Batches.WRITE), batch -> {
            snapshots.putAll(batch);
            return null;
        });
        long written = System.nanoTime();
        // where a run spends its time, for whoever tunes the schedule or the table's capacity
        LOG.infof("aggregated %s..%s: %d answers, %d units, %d snapshots in %d ms (answers read and day tallies written %d ms,"
                + " other months' tallies read %d ms, assembly %d ms, snapshots written %d ms)", from, to, answersRead.get(),
                organisation.units().size(), assembled.size(), ms(written - started), ms(dayTallies - started),
                ms(periodTallies - dayTallies), ms(assembly - periodTallies), ms(written - assembly));
        return new AggregationReport(organisation.units().size(), assembled.size(), answersRead.get());
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** One unit's customers of one day, and what is settled of them when the run keeps progress. */
    private record CustomerDay(SideTally tally, SettledCustomers settled, long answersRead) {
    }

    /**
     * A recompute ({@code settleBefore} empty) reads the day whole. A scheduled run reads the answers
     * received since {@code known} was settled (the whole day the first time, nothing once the day is
     * settled), and settles those received before {@code settleBefore}: no answer received before
     * then can still be on its way.
     */
    private CustomerDay customers(String unitId, LocalDate day, Instant dayEnd, SettledCustomers known, Optional<Instant> settleBefore) {
        if (settleBefore.isEmpty()) {
            SideTally all = tallyOf(Side.CUSTOMER, unitId, day);
            return new CustomerDay(all, null, all.n());
        }
        if (known != null && known.covers(dayEnd)) {
            return new CustomerDay(known.tally(), known, 0);
        }
        Instant cut = settleBefore.get();
        SideTally.Accumulator newlySettled = new SideTally.Accumulator();
        SideTally.Accumulator recent = new SideTally.Accumulator();
        Consumer<AnswerStore.StoredRatings> split = a -> (a.receivedAt().orElseThrow().isBefore(cut) ? newlySettled : recent)
                .add(a.recommend(), a.ratings());
        if (known == null) {
            answers.forEachAnswer(Side.CUSTOMER, unitId, day, split);
        } else {
            answers.forEachCustomerAnswerSince(unitId, day, known.before(), split);
        }
        SideTally settledPart = newlySettled.tally();
        SideTally recentPart = recent.tally();
        SideTally settledNow = (known == null ? SideTally.empty() : known.tally()).plus(settledPart);
        // a late retry of an earlier event may come after a later run: it never moves the settled time back
        Instant upTo = known != null && known.before().isAfter(cut) ? known.before() : cut;
        return new CustomerDay(settledNow.plus(recentPart), new SettledCustomers(settledNow, upTo), settledPart.n() + recentPart.n());
    }

    private SideTally tallyOf(Side side, String unitId, LocalDate day) {
        SideTally.Accumulator total = new SideTally.Accumulator();
        answers.forEachAnswer(side, unitId, day, a -> total.add(a.recommend(), a.ratings()));
        return total.tally();
    }

    private Map<String, LocalDate> todayByUnit(Instant at) {
        Map<String, LocalDate> today = new HashMap<>();
        for (Unit unit : directory.organisation().units()) {
            today.put(unit.id(), LocalDate.ofInstant(at, unit.zone()));
        }
        return today;
    }

    private interface Work<T> {
        Void run(T item) throws Exception;
    }

    /** Units (or batches) at most {@code parallelism} at a time; the first storage failure fails the run. */
    private <T> void inParallel(List<T> items, Work<T> work) {
        if (items.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, items.size()));
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (T item : items) {
                tasks.add(() -> work.run(item));
            }
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("aggregation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
