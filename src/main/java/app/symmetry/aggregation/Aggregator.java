package app.symmetry.aggregation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
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
import app.symmetry.audit.AuditLog;
import app.symmetry.domain.AggregationReport;
import app.symmetry.domain.DayProgress;
import app.symmetry.domain.Period;
import app.symmetry.domain.PeriodType;
import app.symmetry.domain.SettledCustomers;
import app.symmetry.domain.Side;
import app.symmetry.domain.Snapshot;
import app.symmetry.domain.UnitDays;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;
import app.symmetry.indicator.SideTally;
import app.symmetry.organisation.Organisation;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.snapshot.PublicationRules;
import app.symmetry.snapshot.SnapshotAssembler;
import app.symmetry.storage.AnswerStore;
import app.symmetry.storage.Batches;
import app.symmetry.storage.FollowUpStore;
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
    private final AuditLog audit;
    private final PublicationRules rules;
    private final Duration grace;
    private final Duration lease;
    private final Duration settle;
    private final int parallelism;
    private final Duration customerRetention;
    private final Duration employeeRetention;
    private final FollowUpStore followUps;

    public Aggregator(
            OrganisationDirectory directory,
            AnswerStore answers,
            TallyStore tallies,
            SnapshotStore snapshots,
            RunStore runs,
            Clock clock,
            PublicationRules rules,
            SymmetryConfig config,
            AuditLog audit,
            FollowUpStore followUps) {
        this.audit = audit;
        this.followUps = followUps;
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
        this.customerRetention = config.customerRetention();
        this.employeeRetention = config.employeeRetention();
    }

    /** Runs what {@code aggregateSnapshots} was asked; {@code by}, the caller's key id, is audited with a recompute. */
    public AggregationResult run(AggregationRequest request, String by) {
        if (request instanceof AggregationRequest.Recompute range) {
            AggregationResult result = recompute(range.from(), range.to());
            audit.record(
                    AuditLog.Action.RECOMPUTE,
                    by,
                    "days:" + range.from() + ".." + range.to(),
                    result.snapshotsWritten(),
                    result.unitsProcessed() + " units, " + result.answersRead() + " answers read");
            return result;
        }
        if (request instanceof AggregationRequest.Scheduled scheduled) {
            return runScheduled(scheduled.time());
        }
        return runNow();
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
     * them. A retried event for the same scheduled time runs nothing: it gets the first run's report,
     * marked as a replay.
     */
    public AggregationResult runScheduled(Instant scheduledTime) {
        Instant at = scheduledTime.truncatedTo(ChronoUnit.SECONDS);
        String runKey = "scheduled#" + at;
        RunStore.Claim claim = runs.claim(runKey, clock.instant(), lease);
        if (claim instanceof RunStore.Completed done) {
            return AggregationResult.replayed(done.report(), at);
        }
        if (claim instanceof RunStore.Busy) {
            LOG.infof("run %s is in progress elsewhere; leaving it there", runKey);
            return AggregationResult.replayed(new AggregationReport(0, 0, 0), at);
        }
        // answers are stamped by the clock, and a retried event runs after its time: whichever is earlier
        Instant now = clock.instant();
        Instant asOf = at.isBefore(now) ? at : now;
        AggregationReport report = followNewAnswers(at, asOf);
        // DynamoDB's TTL may take two days (and never fires on DynamoDB Local): the hourly run deletes
        // the customers' addresses whose 30 days are up itself.
        int erased = followUps.eraseExpiredContacts(now);
        if (erased > 0) {
            LOG.infof("run %s erased %d customer addresses kept 30 days", runKey, erased);
        }
        runs.complete(runKey, report, clock.instant());
        return AggregationResult.ran(report, asOf);
    }

    /**
     * A run as of now, for a call that names no scheduled time: the scheduled run's work and progress,
     * without its claim, so a call right after another run (a call, the schedule) still reads the
     * answers that came in between. Two runs at once are harmless: each day and snapshot is written
     * newer-wins, so the newer run's stays whichever finishes last, and the next run reads on from its
     * progress ({@link TallyStore}, {@link SnapshotStore#putAll}).
     */
    public AggregationResult runNow() {
        Instant now = clock.instant();
        return AggregationResult.ran(followNewAnswers(now, now), now);
    }

    /**
     * Recomputes every day from {@code from} to {@code to} (inclusive), each read whole, and the
     * periods containing them; the scheduled runs' progress through those days is dropped, so the next
     * scheduled run reads its days whole too: a recompute repairs whatever it covers.
     */
    public AggregationResult recompute(LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusDays(MAX_RANGE_DAYS).isBefore(to)) {
            throw new IllegalArgumentException("a range is 1 to " + MAX_RANGE_DAYS + " days, from before to");
        }
        Instant now = clock.instant();
        refuseExpiredRange(from, now);
        return AggregationResult.ran(aggregate(from, to, todayByUnit(now), false, Optional.empty()), now);
    }

    /**
     * A recompute reads its days' raw answers whole; once some of them may have expired (DynamoDB's TTL,
     * after the shorter of the two retentions), it would compute those days' tallies, and every period
     * containing them, from fewer answers: a second version of published groups, fewer people apart.
     * So it is refused before anything is read, from the first day whose answers may be gone: the day
     * counted from its earliest start anywhere (UTC+18), a day early, so nothing expires while it runs.
     * Tallies of days outside a range are never re-read from answers, so a period that began before the
     * retention is still reassembled from the tallies stored while its answers were all there.
     */
    private void refuseExpiredRange(LocalDate from, Instant now) {
        Duration kept = shorterRetention();
        LocalDate earliest = earliestRecompute(now);
        if (from.isBefore(earliest)) {
            throw new SymmetryException(
                    ErrorCode.ANSWERS_EXPIRED,
                    "from",
                    "raw answers are kept " + kept.toDays()
                            + " days: those of days before " + earliest
                            + " may have expired, and a recompute would republish"
                            + " their periods from fewer answers; recompute from " + earliest + " on");
        }
    }

    /** The first day a recompute at {@code now} may start from ({@link #recompute}). */
    public LocalDate earliestRecompute(Instant now) {
        return LocalDate.ofInstant(now.minus(shorterRetention()).plus(Duration.ofDays(1)), ZoneOffset.MAX)
                .plusDays(1);
    }

    private Duration shorterRetention() {
        return employeeRetention.compareTo(customerRetention) < 0 ? employeeRetention : customerRetention;
    }

    /** The days of the grace before {@code at}, each read from where the runs before got to, as of {@code asOf}. */
    private AggregationReport followNewAnswers(Instant at, Instant asOf) {
        Map<String, LocalDate> today = todayByUnit(at);
        LocalDate to = today.values().stream().max(LocalDate::compareTo).orElseThrow();
        LocalDate from = todayByUnit(at.minus(grace)).values().stream()
                .min(LocalDate::compareTo)
                .orElseThrow();
        // with less than an hour of grace, an hourly schedule may have no run after midnight that
        // still reads the finished day: every run then reads both sides of it
        return aggregate(from, to, today, grace.compareTo(Duration.ofHours(1)) >= 0, Optional.of(asOf));
    }

    /**
     * What every unit's part of one run shares.
     *
     * @param asOf a run that follows new answers: it reads only the customer answers received since
     *        the last run's settled time, and skips a finished day's employees once read after it
     *        settled; empty for a recompute, which reads every day whole and keeps no progress
     * @param settleBefore the answers received before this time are settled by this run
     * @param computedAt one time for the run: its snapshots show it, and so do the unit days computed
     *        from its tallies
     */
    private record Pass(
            List<LocalDate> days,
            Optional<Instant> asOf,
            Optional<Instant> settleBefore,
            Instant computedAt,
            AtomicLong answersRead) {}

    private AggregationReport aggregate(
            LocalDate from,
            LocalDate to,
            Map<String, LocalDate> today,
            boolean currentDayCustomersOnly,
            Optional<Instant> asOf) {
        long started = System.nanoTime();
        Organisation organisation = directory.organisation();
        Pass pass = new Pass(
                from.datesUntil(to.plusDays(1)).toList(),
                asOf,
                asOf.map(t -> t.minus(settle).truncatedTo(ChronoUnit.SECONDS)),
                clock.instant().truncatedTo(ChronoUnit.SECONDS),
                new AtomicLong());
        Map<String, DayProgress> progress = asOf.isPresent() ? progress(organisation, pass.days()) : Map.of();
        Map<String, UnitDays> unitDays = new ConcurrentHashMap<>();
        Set<String> unchanged = ConcurrentHashMap.newKeySet();
        inParallel(organisation.units(), unit -> {
            LocalDate open = currentDayCustomersOnly ? today.get(unit.id()) : null;
            tallyDays(unit, open, progress.getOrDefault(unit.id(), DayProgress.NONE), pass)
                    .ifPresentOrElse(days -> unitDays.put(unit.id(), days), () -> unchanged.add(unit.id()));
            return null;
        });
        long dayTallies = System.nanoTime();
        Set<Period> targets = periodsContaining(pass.days());
        addOtherMonths(organisation, unitDays, unchanged, targets, pass.days());
        long periodTallies = System.nanoTime();
        // a period's employee side waits until the answers received before its end are all stored: then
        // it is published once, whole, and kept (SnapshotAssembler.closedEmployeeSide)
        List<Snapshot> assembled = rules.assembler(organisation)
                .assembleStored(
                        unitDays,
                        todayByUnit(pass.computedAt().minus(settle)),
                        targets,
                        pass.computedAt().toString());
        long assembly = System.nanoTime();
        int snapshotsWritten = write(assembled, asOf.isPresent());
        long written = System.nanoTime();
        // where a run spends its time, for whoever tunes the schedule or the table's capacity
        LOG.infof(
                "aggregated %s..%s: %d answers, %d units (%d with new tallies), %d snapshots (%d written) in %d ms"
                        + " (answers read and day tallies written %d ms, other tallies read %d ms, assembly %d ms,"
                        + " snapshots written %d ms)",
                from,
                to,
                pass.answersRead().get(),
                organisation.units().size(),
                organisation.units().size() - unchanged.size(),
                assembled.size(),
                snapshotsWritten,
                ms(written - started),
                ms(dayTallies - started),
                ms(periodTallies - dayTallies),
                ms(assembly - periodTallies),
                ms(written - assembly));
        return new AggregationReport(
                organisation.units().size(),
                snapshotsWritten,
                pass.answersRead().get());
    }

    /** How far the runs before got through these days, for every unit. */
    private Map<String, DayProgress> progress(Organisation organisation, List<LocalDate> days) {
        Map<String, DayProgress> progress = new ConcurrentHashMap<>();
        inParallel(Batches.of(organisation.units().stream().map(Unit::id).toList(), TALLY_READ_GROUP), group -> {
            progress.putAll(tallies.progress(group, days));
            return null;
        });
        return progress;
    }

    /**
     * Reads one unit's answers of the pass's days, from where {@code before} got, and stores the
     * days' tallies and the progress made; {@code open}, the unit's current day when the run reads its
     * customers only. Returns the unit's days of the months written, or nothing when a run that
     * follows new answers found nothing new: no customer answer since the marks, no day seen for the
     * first time, every finished day's employees as stored. That unit's tallies are then as the runs
     * before left them, and are read with the other months ({@link #addOtherMonths}): in an hour most
     * units get no answer, and a month item rewritten costs a write unit per KB of the whole item.
     */
    private Optional<UnitDays> tallyDays(Unit unit, LocalDate open, DayProgress before, Pass pass) {
        // a recompute reads every day whole and keeps no marks: it always writes what it read
        boolean changed = pass.asOf().isEmpty();
        Map<LocalDate, SideTally> customer = new HashMap<>();
        Map<LocalDate, SideTally> employee = new HashMap<>();
        Map<LocalDate, SettledCustomers> settled = new HashMap<>();
        Map<LocalDate, Instant> employeesRead = new HashMap<>();
        for (LocalDate day : pass.days()) {
            Instant dayEnd = day.plusDays(1).atStartOfDay(unit.zone()).toInstant();
            SettledCustomers known = before.settled().get(day);
            CustomerDay customers = customers(unit.id(), day, dayEnd, known, pass.settleBefore());
            // nothing read since the marks: the stored tally is the settled one (an answer counted before
            // as recent was received after the marks, so it is read again and counts as new)
            changed |= known == null || customers.answersRead() > 0;
            customer.put(day, customers.tally());
            pass.answersRead().addAndGet(customers.answersRead());
            if (customers.settled() != null) {
                settled.put(day, customers.settled());
            }
            if (!day.equals(open) && !before.employeesFinal(day, dayEnd, settle)) {
                SideTally employees = tallyOf(Side.EMPLOYEE, unit.id(), day);
                changed |= !employees.equals(before.employees(day));
                employee.put(day, employees);
                pass.answersRead().addAndGet(employees.n());
                pass.asOf().ifPresent(t -> employeesRead.put(day, t));
            }
        }
        if (!changed) {
            return Optional.empty();
        }
        return Optional.of(tallies.putDays(
                unit.id(), customer, employee, new DayProgress(settled, employeesRead), pass.computedAt()));
    }

    /** Every day, week and month containing one of {@code days}: the snapshots the run assembles. */
    private static Set<Period> periodsContaining(List<LocalDate> days) {
        Set<Period> targets = new TreeSet<>();
        for (LocalDate day : days) {
            for (PeriodType type : EnumSet.allOf(PeriodType.class)) {
                targets.add(Period.containing(type, day));
            }
        }
        return targets;
    }

    /**
     * Adds the tallies the targets need beyond the months just written, which came back with their
     * updates: the rest of their periods, and the periods before them for trends; all of them for the
     * {@code unchanged} units, whose months this run did not write.
     */
    private void addOtherMonths(
            Organisation organisation,
            Map<String, UnitDays> unitDays,
            Set<String> unchanged,
            Set<Period> targets,
            List<LocalDate> days) {
        LocalDate[] needed = SnapshotAssembler.daysNeeded(targets);
        Set<YearMonth> monthsWritten = days.stream().map(YearMonth::from).collect(Collectors.toSet());
        List<String> written = organisation.units().stream()
                .map(Unit::id)
                .filter(id -> !unchanged.contains(id))
                .toList();
        List<List<String>> groups = new ArrayList<>();
        groups.addAll(Batches.of(written, TALLY_READ_GROUP));
        groups.addAll(Batches.of(List.copyOf(unchanged), TALLY_READ_GROUP));
        inParallel(groups, group -> {
            tallies.read(group, needed[0], needed[1], unchanged.contains(group.get(0)) ? Set.of() : monthsWritten)
                    .forEach((unit, other) -> unitDays.merge(unit, other, UnitDays::with));
            return null;
        });
    }

    /**
     * A batch of snapshots per task, as many at once as units are read: on DynamoDB the writes of one
     * run are independent items, and a run's wall time is its Lambda bill. Each is a conditional put
     * ({@link SnapshotStore#putAll}): a newer run's snapshot and a closed period's published employee
     * side are kept. A run that follows new answers writes only the snapshots whose figures changed
     * ({@link SnapshotStore#putChanged}); a recompute rewrites all of them, since it is there to repair.
     * Returns how many were written.
     */
    private int write(List<Snapshot> assembled, boolean changedOnly) {
        AtomicLong written = new AtomicLong();
        // a run of changes reads a digest per snapshot and writes few: a BatchGetItem's 100 per task
        inParallel(Batches.of(assembled, changedOnly ? Batches.GET : Batches.WRITE), batch -> {
            written.addAndGet(
                    changedOnly
                            ? snapshots.putChanged(batch, SnapshotAssembler::closedEmployeeSide)
                            : batch.size() - snapshots.putAll(batch, SnapshotAssembler::closedEmployeeSide));
            return null;
        });
        return (int) written.get();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** One unit's customers of one day, and what is settled of them when the run keeps progress. */
    private record CustomerDay(SideTally tally, SettledCustomers settled, long answersRead) {}

    /**
     * A recompute ({@code settleBefore} empty) reads the day whole. A scheduled run reads the answers
     * received since {@code known} was settled (the whole day the first time, nothing once the day is
     * settled), and settles those received before {@code settleBefore}: no answer received before
     * then can still be on its way.
     */
    private CustomerDay customers(
            String unitId, LocalDate day, Instant dayEnd, SettledCustomers known, Optional<Instant> settleBefore) {
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
        Consumer<AnswerStore.StoredRatings> split = a ->
                (a.receivedAt().orElseThrow().isBefore(cut) ? newlySettled : recent).add(a.recommend(), a.ratings());
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
        return new CustomerDay(
                settledNow.plus(recentPart), new SettledCustomers(settledNow, upTo), settledPart.n() + recentPart.n());
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
