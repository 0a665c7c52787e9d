package app.symmetry.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class IndicatorProperties {

    record Answer(int recommend, Map<String, Integer> ratings) {
        SideTally tally() {
            return SideTally.of(recommend, ratings);
        }
    }

    @Provide
    Arbitrary<List<Answer>> answers() {
        Arbitrary<Map<String, Integer>> ratings = Arbitraries.maps(
                Arbitraries.of("listening", "ownership", "information"),
                Arbitraries.integers().between(1, 5)).ofMaxSize(3);
        Arbitrary<Answer> answer = Combinators.combine(Arbitraries.integers().between(0, 10), ratings).as(Answer::new);
        return answer.list().ofMaxSize(30);
    }

    static SideTally tally(List<Answer> answers) {
        SideTally t = SideTally.empty();
        for (Answer a : answers) {
            t = t.plus(a.tally());
        }
        return t;
    }

    @Property
    void plusIsCommutativeAndAssociative(@ForAll("answers") List<Answer> a, @ForAll("answers") List<Answer> b,
            @ForAll("answers") List<Answer> c) {
        SideTally ta = tally(a);
        SideTally tb = tally(b);
        SideTally tc = tally(c);
        assertThat(ta.plus(tb)).isEqualTo(tb.plus(ta));
        assertThat(ta.plus(tb).plus(tc)).isEqualTo(ta.plus(tb.plus(tc)));
    }

    @Property
    void answersAccumulatedOneByOneEqualTheirFoldedTally(@ForAll("answers") List<Answer> answers) {
        SideTally.Accumulator accumulator = new SideTally.Accumulator();
        answers.forEach(a -> accumulator.add(a.recommend(), a.ratings()));
        assertThat(accumulator.tally()).isEqualTo(tally(answers));
    }

    @Property
    void summedTalliesEqualTheTallyOfAllAnswers(@ForAll("answers") List<Answer> a, @ForAll("answers") List<Answer> b) {
        List<Answer> all = new ArrayList<>(a);
        all.addAll(b);
        SideTally together = tally(all);
        assertThat(tally(a).plus(tally(b))).isEqualTo(together);
        // and against a count made independently of SideTally
        assertThat(together.n()).isEqualTo(all.size());
        assertThat(together.promoters()).isEqualTo(all.stream().filter(x -> x.recommend() >= 9).count());
        assertThat(together.detractors()).isEqualTo(all.stream().filter(x -> x.recommend() <= 6).count());
        for (String d : List.of("listening", "ownership", "information")) {
            long count = all.stream().filter(x -> x.ratings().containsKey(d)).count();
            long sum = all.stream().filter(x -> x.ratings().containsKey(d)).mapToLong(x -> x.ratings().get(d)).sum();
            DimensionTally t = together.dimensions().get(d);
            assertThat(t == null ? new DimensionTally(0, 0) : t).isEqualTo(new DimensionTally(count, sum));
        }
    }

    @Property
    void figuresStayInTheirRanges(@ForAll("answers") @Size(min = 1) List<Answer> a) {
        SideFigures f = SideFigures.of(tally(a)).orElseThrow();
        assertThat(f.nps().value()).isBetween(-100.0, 100.0);
        f.nps().moe95().ifPresent(moe -> assertThat(moe).isBetween(0.0, 196.0));
        f.dimensions().values().forEach(d -> assertThat(d.score()).isBetween(0.0, 100.0));
        f.attentionIndex().ifPresent(ai -> assertThat(ai).isBetween(0.0, 100.0));
    }

    @Property
    void symmetryIsAtMost100AndAtLeast0(@ForAll("answers") @Size(min = 1) List<Answer> c,
            @ForAll("answers") @Size(min = 1) List<Answer> e) {
        GroupFigures.of(tally(c), tally(e)).gaps().symmetry()
                .ifPresent(s -> assertThat(s).isBetween(0.0, 100.0));
    }

    @Provide
    Arbitrary<double[][]> pairs() {
        return Arbitraries.integers().between(0, 25).flatMap(n -> {
            // A small value set makes ties and constant columns frequent.
            Arbitrary<double[]> column = Arbitraries.oneOf(
                    Arbitraries.doubles().between(0, 100).array(double[].class).ofSize(n),
                    Arbitraries.of(0.0, 25.0, 50.0, 75.0, 100.0).array(double[].class).ofSize(n));
            return Combinators.combine(column, column).as((x, y) -> new double[][] {x, y});
        });
    }

    @Property
    void correlationsAreWithinMinusOneAndOne(@ForAll("pairs") double[][] xy) {
        Correlation c = Correlation.of(xy[0], xy[1]);
        assertThat(c.units()).isEqualTo(xy[0].length);
        c.pearson().ifPresent(r -> assertThat(r).isBetween(-1.0, 1.0));
        c.spearman().ifPresent(r -> assertThat(r).isBetween(-1.0, 1.0));
        c.pearson95().ifPresent(ci -> {
            assertThat(ci.lower()).isBetween(-1.0, 1.0);
            assertThat(ci.upper()).isBetween(-1.0, 1.0);
            assertThat(c.pearson().getAsDouble()).isBetween(ci.lower() - 1e-12, ci.upper() + 1e-12);
        });
        if (xy[0].length < 3) {
            assertThat(c.pearson()).isEmpty();
        }
    }

    @Property
    void publishedFigureIsWithinAHalfTenthOfTheExactOne(@ForAll @DoubleRange(min = -100, max = 100) double exact) {
        double published = PublishedValue.oneDecimal(exact);
        assertThat(Math.abs(published - exact)).isLessThanOrEqualTo(0.05 + 1e-9);
        assertThat(published * 10).isCloseTo(Math.rint(published * 10), org.assertj.core.api.Assertions.within(1e-9));
    }
}
