package app.symmetry.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import app.symmetry.SymmetryConfig;
import app.symmetry.domain.Side;
import app.symmetry.domain.StoredAnswer;
import app.symmetry.domain.UnitDays;
import app.symmetry.indicator.SideTally;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.organisation.Unit;
import app.symmetry.storage.AnswerStore;
import app.symmetry.storage.AnswerWrite;
import app.symmetry.storage.TallyStore;
import app.symmetry.testing.FunctionProfiles;
import app.symmetry.testing.TestClock;

/**
 * The hourly runs read only what came in since the run before, and still miss nothing. Two days of
 * answers arrive at random, more of them in the minutes before midnight, each stored up to the
 * settle time after it was received; a run starts every hour, up to a minute late, one in five is
 * lost and half of those retried up to 80 minutes later. After the grace, every unit's tallies are
 * those of all its answers, both sides, exactly what a recompute finds; and the runs have read each
 * answer about once or twice, not once an hour.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.AggregateSnapshots.class)
class HourlyRunsTest {

    @Inject
    AnswerStore answers;

    @Inject
    Aggregator aggregator;

    @Inject
    TallyStore tallies;

    @Inject
    OrganisationDirectory directory;

    @Inject
    SymmetryConfig config;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private sealed interface Event permits Stored, Run {
        Instant happens();
    }

    private record Stored(Instant happens, AnswerWrite write) implements Event {}

    private record Run(Instant happens, Instant scheduled) implements Event {}

    /** Days in no other test's way, over a change of clocks (a day of 23 hours, one of 25). */
    @ParameterizedTest
    @CsvSource({"1, 2025-03-29", "2, 2025-10-25", "3, 2025-06-14"})
    void lossyHourlyRunsOverTwoDaysEndWithEveryAnswerCounted(long seed, LocalDate first) {
        Random random = new Random(seed);
        Duration settle = config.aggregationSettle();
        List<Unit> units = new ArrayList<>(directory.organisation().units());
        Collections.shuffle(units, random);
        units = units.subList(0, 3);
        List<LocalDate> days = List.of(first, first.plusDays(1));

        List<Event> events = new ArrayList<>();
        Map<String, SideTally.Accumulator> expected = new HashMap<>();
        long customers = 0;
        long employees = 0;
        for (Unit unit : units) {
            for (LocalDate day : days) {
                Instant start = day.atStartOfDay(unit.zone()).toInstant();
                Instant end = day.plusDays(1).atStartOfDay(unit.zone()).toInstant();
                for (Side side : Side.values()) {
                    int n = side == Side.CUSTOMER ? 10 + random.nextInt(30) : 3 + random.nextInt(8);
                    for (int i = 0; i < n; i++) {
                        // one in five in the last 20 minutes: what a run just after midnight may not see yet
                        Instant received = random.nextInt(5) == 0
                                ? end.minusMillis(1 + random.nextInt(20 * 60_000))
                                : start.plusMillis((long) (random.nextDouble()
                                        * Duration.between(start, end).toMillis()));
                        Instant storedAt =
                                received.plusMillis((long) (random.nextDouble() * (settle.toMillis() - 1000)));
                        int recommend = random.nextInt(11);
                        Map<String, Integer> ratings =
                                Map.of("listening", 1 + random.nextInt(5), "ownership", 1 + random.nextInt(5));
                        String id = UUID.randomUUID().toString();
                        StoredAnswer answer = side == Side.CUSTOMER
                                ? new StoredAnswer(
                                        side,
                                        unit.id(),
                                        day,
                                        id,
                                        recommend,
                                        ratings,
                                        Optional.empty(),
                                        Optional.of("fr"),
                                        Optional.of(received),
                                        received.plus(Duration.ofDays(400)))
                                : new StoredAnswer(
                                        side,
                                        unit.id(),
                                        day,
                                        UUID.randomUUID().toString(),
                                        recommend,
                                        ratings,
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        end.plus(Duration.ofDays(400)));
                        events.add(new Stored(
                                storedAt,
                                new AnswerWrite(
                                        answer, id, end.plus(Duration.ofDays(2)), Optional.empty(), Optional.empty())));
                        expected.computeIfAbsent(unit.id() + day + side, k -> new SideTally.Accumulator())
                                .add(recommend, ratings);
                        if (side == Side.CUSTOMER) {
                            customers++;
                        } else {
                            employees++;
                        }
                    }
                }
            }
        }
        // every hour from the evening before to the end of the grace after the second day; the runs
        // from half an hour to two and a half hours after a midnight are never lost, as the product
        // needs one run a settle time after midnight within the grace (the schedule retries for that)
        Instant firstRun = first.minusDays(1).atTime(21, 0).toInstant(ZoneOffset.UTC);
        Instant lastRun =
                first.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().plus(config.aggregationGrace());
        for (Instant scheduled = firstRun;
                !scheduled.isAfter(lastRun);
                scheduled = scheduled.plus(Duration.ofHours(1))) {
            Instant happens = scheduled.plusSeconds(random.nextInt(60));
            if (!afterAMidnight(scheduled, units, days) && random.nextInt(5) == 0) {
                if (random.nextBoolean()) {
                    events.add(new Run(happens.plusSeconds(600 + random.nextInt(4200)), scheduled));
                }
                continue;
            }
            events.add(new Run(happens, scheduled));
        }
        events.sort(Comparator.comparing(Event::happens));

        long read = 0;
        for (Event event : events) {
            if (event instanceof Stored stored) {
                assertThat(answers.store(stored.write())).isEqualTo(AnswerWrite.Outcome.ACCEPTED);
            } else if (event instanceof Run run) {
                clock.set(run.happens());
                read += aggregator.runScheduled(run.scheduled()).answersRead();
                clock.reset();
            }
        }

        List<String> ids = units.stream().map(Unit::id).toList();
        Map<String, UnitDays> byRuns = tallies.read(ids, first, first.plusDays(1));
        for (Unit unit : units) {
            for (LocalDate day : days) {
                assertThat(byRuns.get(unit.id()).customer().get(day))
                        .as("customers of %s on %s", unit.id(), day)
                        .isEqualTo(expected.get(unit.id() + day + Side.CUSTOMER).tally());
                assertThat(byRuns.get(unit.id()).employee().get(day))
                        .as("employees of %s on %s", unit.id(), day)
                        .isEqualTo(expected.get(unit.id() + day + Side.EMPLOYEE).tally());
            }
        }
        // while the days' answers are all kept: a recompute after their retention is refused
        clock.set(first.plusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant());
        aggregator.recompute(first, first.plusDays(1));
        clock.reset();
        Map<String, UnitDays> byRecompute = tallies.read(ids, first, first.plusDays(1));
        for (String id : ids) {
            assertThat(byRecompute.get(id).customer()).isEqualTo(byRuns.get(id).customer());
            assertThat(byRecompute.get(id).employee()).isEqualTo(byRuns.get(id).employee());
        }
        // a run re-reading its unit's day whole every hour would read each customer answer a dozen times
        assertThat(read)
                .as("answers read by the runs, for %d customer and %d employee answers", customers, employees)
                .isLessThanOrEqualTo(2 * customers + 3 * employees);
    }

    private static boolean afterAMidnight(Instant scheduled, List<Unit> units, List<LocalDate> days) {
        for (Unit unit : units) {
            for (LocalDate day : days) {
                Instant midnight = day.plusDays(1).atStartOfDay(unit.zone()).toInstant();
                if (!scheduled.isBefore(midnight.plusSeconds(1800)) && !scheduled.isAfter(midnight.plusSeconds(9000))) {
                    return true;
                }
            }
        }
        return false;
    }
}
