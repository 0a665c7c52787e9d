package app.symmetry.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.sun.management.OperatingSystemMXBean;

import app.symmetry.aggregation.AggregationResult;
import app.symmetry.aggregation.Aggregator;
import app.symmetry.testing.TestClock;

/**
 * Aggregation against its floor, for one organisation and growing numbers of answers:
 * <ol>
 * <li>seed answers over the 30 days before today (BatchWriteItem, straight into the partitions);</li>
 * <li>bare: Query every partition the aggregation reads (unit × day × side, today included);</li>
 * <li>ours: {@code Aggregator.recompute(today − 30, today)}; ratio = ours / bare;</li>
 * <li>one untimed scheduled run (a recompute keeps no progress: the run after it reads today whole),
 * then three times: add 1 % new answers, received in the hour before, to today's partitions and time
 * the hourly {@code Aggregator.runScheduled}; incremental ratio = the median of the three / the full
 * recompute's time;</li>
 * <li>on the night before, after a 23:00 run: add 1 % more, received from 23:00 to midnight, and time the
 * first run after midnight, which also reads the finished day's employee answers whole (the "after
 * midnight" figure).</li>
 * </ol>
 * The runs' times are those of the units' day (from 06:00, an hour apart), set on the application's
 * clock (the tests' {@code TestClock}), whatever the time the benchmark is started at: what a run
 * reads depends on the time of the run before it.
 * If the Aggregator is not implemented yet ({@link UnsupportedOperationException}) only the bare
 * side is measured and the part says "aggregation: not available".
 */
final class AggregationScenario {

    /** Both sides read with the aggregator's default parallelism (symmetry.aggregation.parallelism). */
    static final int PARALLELISM = Integer.getInteger("symmetry.aggregation.parallelism", 8);

    /** The bench organisations' units all keep Paris's day (Organisations.ZONES). */
    static final ZoneId UNITS_ZONE = ZoneId.of("Europe/Paris");

    static final int DAYS = 30;
    static final int INCREMENTAL_RUNS = 3;

    private final Aggregator aggregator;
    private final TestClock clock;
    private final AnswerData data;
    private final String orgId;
    private final List<String> units;
    private final Map<String, Object> figures;
    private long seeded;
    private boolean available = true;
    private boolean warm;
    private int hourlyRuns;
    /** The latest application time a run of this scenario had: a recompute runs just after it. */
    private Instant lastRun;

    private int sizes;

    AggregationScenario(
            Aggregator aggregator,
            TestClock clock,
            AnswerData data,
            String orgId,
            List<String> units,
            Map<String, Object> figures) {
        this.aggregator = aggregator;
        this.clock = clock;
        this.data = data;
        this.orgId = orgId;
        this.units = units;
        this.figures = figures;
    }

    /** Runs one size; returns false once the aggregator proved unavailable. */
    boolean run(long answers) {
        String key = "aggregate." + label(answers) + "." + units.size() + "u.";
        LocalDate today = LocalDate.now(UNITS_ZONE);
        LocalDate from = today.minusDays(DAYS);
        LocalDate lastSeeded = today.minusDays(1);

        long t0 = System.nanoTime();
        seeded += data.seed(units, from, lastSeeded, answers - seeded, answers ^ units.size(), 2);
        double seedS = (System.nanoTime() - t0) / 1e9;
        Bench.log(
                "seeded %,d answers over %d units in %.1f s (%,.0f/s)",
                seeded, units.size(), seedS, (answers) / Math.max(seedS, 1e-9));
        figures.put(key + "seed_s", Bench.round(seedS, 1));

        int partitions = units.size() * (DAYS + 1) * 2;
        figures.put(key + "threads", PARALLELISM);
        figures.put(key + "partitions", partitions);

        if (!warm && available) {
            // the first size of a JVM: one untimed pass of each side, so none is timed while the JIT
            // compiles the SDK and DynamoDB Local (that would flatter whichever ran later); the quick
            // size warms up on the last days only: the same code paths, for a tenth of the time
            // (and so does the 10,000-unit organisation: a whole pass there is some ten minutes)
            LocalDate warmFrom = Bench.full() && units.size() < 10_000 ? from : today.minusDays(3);
            data.queryAll(units, warmFrom, today, PARALLELISM);
            recompute(warmFrom, today);
            // and the hourly run's own paths (a one-day update, the run's idempotency record)
            for (int hour = 0; hour < INCREMENTAL_RUNS && available; hour++) {
                scheduled(nextScheduledTime(today));
            }
            warm = true;
        }
        // bare then ours, once each, on the same warm JVM and DynamoDB Local
        long s = System.nanoTime();
        double cpu = cpuSeconds();
        long read = data.queryAll(units, from, today, PARALLELISM);
        double bare = (System.nanoTime() - s) / 1e9;
        double bareCpu = cpuSeconds() - cpu;
        figures.put(key + "bare_s", Bench.round(bare, 2));
        figures.put(key + "bare_cpu_s", Bench.round(bareCpu, 2));
        figures.put(key + "bare_items", read);
        Bench.log("bare query of %,d partitions: %,d items in %.2f s (%.2f s of CPU)", partitions, read, bare, bareCpu);

        if (!available) {
            return false;
        }
        CapacityMeter.Reading beforeFull = CapacityMeter.read();
        Timed full = recompute(from, today);
        if (full == null) {
            return false;
        }
        CapacityMeter.read().minus(beforeFull).put(figures, key + "full_cost.", 1);
        figures.put(key + "full_s", Bench.round(full.seconds, 2));
        figures.put(key + "full_cpu_s", Bench.round(full.cpuSeconds, 2));
        figures.put(key + "full_answers_read", full.report.answersRead());
        figures.put(key + "full_snapshots", full.report.snapshotsWritten());
        figures.put(key + "ratio", Bench.round(full.seconds / bare, 2));
        Bench.log(
                "recompute %s..%s: %s in %.2f s, %.2f s of CPU (ratio %.2f, of CPU %.2f)",
                from,
                today,
                full.report,
                full.seconds,
                full.cpuSeconds,
                full.seconds / bare,
                full.cpuSeconds / bareCpu);

        // the run after a recompute reads today whole, as a recompute keeps no progress: untimed
        Instant previous = nextScheduledTime(today);
        scheduled(previous);
        // three hourly runs, each after 1 % more new answers received in the hour before it: the
        // median is taken, as one run of a few hundred milliseconds is at the mercy of a GC pause or a
        // neighbour on a shared machine
        long extra = Math.max(1, answers / 100);
        List<Timed> hourly = new ArrayList<>();
        CapacityMeter.Reading hourlyCost = CapacityMeter.Reading.NONE;
        for (int hour = 0; hour < INCREMENTAL_RUNS; hour++) {
            Instant at = nextScheduledTime(today);
            seeded += data.seed(units, today, today, extra, answers + 7 + hour, 1, previous, at);
            previous = at;
            CapacityMeter.Reading beforeRun = CapacityMeter.read();
            Timed run = scheduled(at);
            if (run == null) {
                return false;
            }
            hourlyCost = hourlyCost.plus(CapacityMeter.read().minus(beforeRun));
            hourly.add(run);
            Bench.log(
                    "runScheduled at %s after %,d more new answers: %s in %.2f s, %.2f s of CPU",
                    at, extra, run.report, run.seconds, run.cpuSeconds);
        }
        Timed incremental = hourly.stream()
                .sorted(Comparator.comparingDouble(Timed::seconds))
                .toList()
                .get(INCREMENTAL_RUNS / 2);
        figures.put(key + "incremental_answers_added", extra);
        // what one hourly run asks of DynamoDB, the mean of the three: the cost table's per-run line
        hourlyCost.put(figures, key + "hourly_cost.", INCREMENTAL_RUNS);
        figures.put(key + "incremental_s", Bench.round(incremental.seconds, 2));
        figures.put(
                key + "incremental_s_runs",
                hourly.stream().map(t -> Bench.round(t.seconds, 2)).toList());
        figures.put(key + "incremental_answers_read", incremental.report.answersRead());
        figures.put(key + "incremental_ratio", Bench.round(incremental.seconds / full.seconds, 3));
        // the same ratio in CPU time, which a neighbour on a shared machine disturbs far less than wall time
        double incrementalCpu =
                hourly.stream().mapToDouble(Timed::cpuSeconds).sorted().toArray()[INCREMENTAL_RUNS / 2];
        figures.put(key + "incremental_cpu_s", Bench.round(incrementalCpu, 2));
        figures.put(key + "incremental_cpu_ratio", Bench.round(incrementalCpu / full.cpuSeconds, 3));
        Bench.log(
                "runScheduled, median of %d: %.2f s (ratio %.3f), %.2f s of CPU (ratio of CPU %.3f)",
                INCREMENTAL_RUNS,
                incremental.seconds,
                incremental.seconds / full.seconds,
                incrementalCpu,
                incrementalCpu / full.cpuSeconds);

        // the first run after midnight, on the night before (today's runs have their times already): the
        // 23:00 run, untimed, then the last hour's answers, then the run at 00:00, which reads those and
        // the finished day's employee answers, whole for the first time (a later minute for each size:
        // every scheduled time runs once)
        Instant midnight = today.atStartOfDay(UNITS_ZONE).toInstant();
        Instant lastNight = midnight.minusSeconds(3600).plusSeconds(60L * sizes);
        if (scheduled(lastNight) == null) {
            return false;
        }
        seeded += data.seed(units, lastSeeded, lastSeeded, extra, answers + 11, 1, lastNight, midnight);
        CapacityMeter.Reading beforeClosing = CapacityMeter.read();
        Timed afterMidnight = scheduled(midnight.plusSeconds(20 + 60L * sizes++));
        if (afterMidnight == null) {
            return false;
        }
        CapacityMeter.read().minus(beforeClosing).put(figures, key + "after_midnight_cost.", 1);
        figures.put(key + "after_midnight_s", Bench.round(afterMidnight.seconds, 2));
        figures.put(key + "after_midnight_answers_read", afterMidnight.report.answersRead());
        figures.put(key + "after_midnight_ratio", Bench.round(afterMidnight.seconds / full.seconds, 3));
        Bench.log(
                "runScheduled after midnight: %s in %.2f s (ratio %.3f)",
                afterMidnight.report, afterMidnight.seconds, afterMidnight.seconds / full.seconds);
        return true;
    }

    /**
     * A recompute, a minute after the last run of this scenario on the application's clock (05:00 of the
     * units' day before any): on Lambda time only moves forward. At the real time it ran at before, a
     * recompute started before 06:00 in the units' zone was older than the hourly runs timed at 06:00 and
     * after, so every unit's update of today was refused by the newer-wins condition, read back and sent
     * again: the same code measured 1.4 or 1.8 depending on the hour it was started.
     */
    private Timed recompute(LocalDate from, LocalDate to) {
        Instant at = lastRun == null ? to.atTime(5, 0).atZone(UNITS_ZONE).toInstant() : lastRun.plusSeconds(60);
        lastRun = at;
        clock.set(at);
        try {
            return time(() -> aggregator.recompute(from, to));
        } finally {
            clock.reset();
        }
    }

    /** A scheduled run with the application's clock at its time, as on Lambda. */
    private Timed scheduled(Instant at) {
        lastRun = lastRun == null || at.isAfter(lastRun) ? at : lastRun;
        clock.set(at);
        try {
            return time(() -> aggregator.runScheduled(at));
        } finally {
            clock.reset();
        }
    }

    /** The next hour of the units' day from 06:00: distinct times (a retried time would return the first run's report). */
    private Instant nextScheduledTime(LocalDate today) {
        return today.atTime(6, 0).plusHours(hourlyRuns++).atZone(UNITS_ZONE).toInstant();
    }

    boolean available() {
        return available;
    }

    /**
     * @param cpuSeconds the whole JVM's CPU time (client and DynamoDB Local): on a shared machine, where
     *        wall time also counts other processes, the work each side did
     */
    private record Timed(double seconds, double cpuSeconds, AggregationResult report) {}

    private static double cpuSeconds() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private Timed time(Supplier<AggregationResult> run) {
        long s = System.nanoTime();
        double cpu = cpuSeconds();
        try {
            AggregationResult report = run.get();
            return new Timed((System.nanoTime() - s) / 1e9, cpuSeconds() - cpu, report);
        } catch (UnsupportedOperationException notYet) {
            available = false;
            figures.put("aggregate.status", "not available (" + notYet.getMessage() + ")");
            Bench.log("aggregation: not available (%s)", notYet.getMessage());
            return null;
        }
    }

    static String label(long answers) {
        return answers >= 1_000_000 && answers % 1_000_000 == 0
                ? (answers / 1_000_000) + "M"
                : answers >= 1000 && answers % 1000 == 0 ? (answers / 1000) + "k" : Long.toString(answers);
    }
}
