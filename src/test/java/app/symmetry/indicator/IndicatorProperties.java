package app.symmetry.indicator;

import static app.symmetry.testing.RandomCases.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IndicatorProperties {

    static final List<String> DIMENSIONS = List.of("listening", "ownership", "information");
    static final double[] STEPS = {0.0, 25.0, 50.0, 75.0, 100.0};

    record Answer(int recommend, Map<String, Integer> ratings) {
        SideTally tally() {
            return SideTally.of(recommend, ratings);
        }
    }

    record Lists(List<Answer> a, List<Answer> b, List<Answer> c) {}

    /** 0 to 30 answers (1 to 30 with {@code atLeast} 1), each rating 0 to 3 of the dimensions. */
    static List<Answer> answers(SplittableRandom random, int atLeast) {
        List<Answer> answers = new ArrayList<>();
        for (int i = 0, n = random.nextInt(atLeast, 31); i < n; i++) {
            Map<String, Integer> ratings = new HashMap<>();
            for (String dimension : DIMENSIONS) {
                if (random.nextBoolean()) {
                    ratings.put(dimension, random.nextInt(1, 6));
                }
            }
            answers.add(new Answer(random.nextInt(11), ratings));
        }
        return answers;
    }

    static Lists lists(SplittableRandom random, int atLeast) {
        return new Lists(answers(random, atLeast), answers(random, atLeast), answers(random, atLeast));
    }

    static SideTally tally(List<Answer> answers) {
        SideTally t = SideTally.empty();
        for (Answer a : answers) {
            t = t.plus(a.tally());
        }
        return t;
    }

    @Test
    void plusIsCommutativeAndAssociative() {
        forAll(1000, random -> lists(random, 0), abc -> {
            SideTally ta = tally(abc.a());
            SideTally tb = tally(abc.b());
            SideTally tc = tally(abc.c());
            assertThat(ta.plus(tb)).isEqualTo(tb.plus(ta));
            assertThat(ta.plus(tb).plus(tc)).isEqualTo(ta.plus(tb.plus(tc)));
        });
    }

    @Test
    void answersAccumulatedOneByOneEqualTheirFoldedTally() {
        forAll(1000, random -> answers(random, 0), answers -> {
            SideTally.Accumulator accumulator = new SideTally.Accumulator();
            answers.forEach(a -> accumulator.add(a.recommend(), a.ratings()));
            assertThat(accumulator.tally()).isEqualTo(tally(answers));
        });
    }

    @Test
    void summedTalliesEqualTheTallyOfAllAnswers() {
        forAll(1000, random -> lists(random, 0), ab -> {
            List<Answer> all = new ArrayList<>(ab.a());
            all.addAll(ab.b());
            SideTally together = tally(all);
            assertThat(tally(ab.a()).plus(tally(ab.b()))).isEqualTo(together);
            // and against a count made independently of SideTally
            assertThat(together.n()).isEqualTo(all.size());
            assertThat(together.promoters())
                    .isEqualTo(all.stream().filter(x -> x.recommend() >= 9).count());
            assertThat(together.detractors())
                    .isEqualTo(all.stream().filter(x -> x.recommend() <= 6).count());
            for (String d : DIMENSIONS) {
                long count =
                        all.stream().filter(x -> x.ratings().containsKey(d)).count();
                long sum = all.stream()
                        .filter(x -> x.ratings().containsKey(d))
                        .mapToLong(x -> x.ratings().get(d))
                        .sum();
                DimensionTally t = together.dimensions().get(d);
                assertThat(t == null ? new DimensionTally(0, 0) : t).isEqualTo(new DimensionTally(count, sum));
            }
        });
    }

    @Test
    void figuresStayInTheirRanges() {
        forAll(1000, random -> answers(random, 1), a -> {
            SideFigures f = SideFigures.of(tally(a)).orElseThrow();
            assertThat(f.nps().value()).isBetween(-100.0, 100.0);
            f.nps().moe95().ifPresent(moe -> assertThat(moe).isBetween(0.0, 196.0));
            f.dimensions().values().forEach(d -> assertThat(d.score()).isBetween(0.0, 100.0));
            f.attentionIndex().ifPresent(ai -> assertThat(ai).isBetween(0.0, 100.0));
        });
    }

    @Test
    void symmetryIsAtMost100AndAtLeast0() {
        forAll(
                1000,
                random -> lists(random, 1),
                ce -> GroupFigures.of(tally(ce.a()), tally(ce.b()))
                        .gaps()
                        .symmetry()
                        .ifPresent(s -> assertThat(s).isBetween(0.0, 100.0)));
    }

    record Pair(double[] x, double[] y) {
        @Override
        public String toString() {
            return "x=" + Arrays.toString(x) + " y=" + Arrays.toString(y);
        }
    }

    /** Two columns of 0 to 25 values; a column drawn from a small value set makes ties and constant columns frequent. */
    static Pair pair(SplittableRandom random) {
        int n = random.nextInt(26);
        return new Pair(column(random, n), column(random, n));
    }

    private static double[] column(SplittableRandom random, int n) {
        boolean steps = random.nextBoolean();
        double[] column = new double[n];
        for (int i = 0; i < n; i++) {
            column[i] = steps ? STEPS[random.nextInt(STEPS.length)] : random.nextDouble(0, 100);
        }
        return column;
    }

    @Test
    void correlationsAreWithinMinusOneAndOne() {
        forAll(1000, IndicatorProperties::pair, xy -> {
            Correlation c = Correlation.of(xy.x(), xy.y());
            assertThat(c.units()).isEqualTo(xy.x().length);
            c.pearson().ifPresent(r -> assertThat(r).isBetween(-1.0, 1.0));
            c.spearman().ifPresent(r -> assertThat(r).isBetween(-1.0, 1.0));
            c.pearson95().ifPresent(ci -> {
                assertThat(ci.lower()).isBetween(-1.0, 1.0);
                assertThat(ci.upper()).isBetween(-1.0, 1.0);
                assertThat(c.pearson().getAsDouble()).isBetween(ci.lower() - 1e-12, ci.upper() + 1e-12);
            });
            if (xy.x().length < 3) {
                assertThat(c.pearson()).isEmpty();
            }
        });
    }

    /** The ends of the range, zero and values on a rounding boundary come up as often as any other. */
    static final double[] EXACT_EDGES = {
        -100, 100, 0, -0.0, 0.05, -0.05, 0.15, -0.15, 99.95, -99.95, 0.049999999, 12.25, -12.35
    };

    @Test
    void publishedFigureIsWithinAHalfTenthOfTheExactOne() {
        forAll(
                1000,
                random -> random.nextInt(4) == 0
                        ? EXACT_EDGES[random.nextInt(EXACT_EDGES.length)]
                        : random.nextDouble(-100, 100),
                exact -> {
                    double published = PublishedValue.oneDecimal(exact);
                    assertThat(Math.abs(published - exact)).isLessThanOrEqualTo(0.05 + 1e-9);
                    assertThat(published * 10).isCloseTo(Math.rint(published * 10), within(1e-9));
                });
    }
}
