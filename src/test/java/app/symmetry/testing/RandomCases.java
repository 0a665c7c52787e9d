package app.symmetry.testing;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A property checked on random cases, with plain JUnit: each case is generated from its own seed,
 * drawn in turn from the run's seed. The run's seed is fixed by default (derived from the
 * property's name), so every build tries the same cases; {@code -Dproperty.seed=N} tries other
 * ones ({@code -Dproperty.seed=random} a fresh seed each run). A failing case is reported with
 * its input, the run's seed and its index, and the command that replays it alone
 * ({@code -Dproperty.case=I}). No shrinking: generators keep their inputs small enough to read.
 */
public final class RandomCases {

    public static final String SEED = "property.seed";
    public static final String CASE = "property.case";
    private static final long DEFAULT_SEED = 20261129L;
    private static final int INPUT_SHOWN = 4000;

    /** The property itself: throws (an assertion, or anything else) when the input breaks it. */
    @FunctionalInterface
    public interface Property<T> {
        void check(T input) throws Exception;
    }

    private RandomCases() {}

    /**
     * Checks {@code property} on {@code cases} inputs made by {@code generator}. The property is
     * named after the test method that calls this (for the report and the default seed).
     */
    public static <T> void forAll(int cases, Function<SplittableRandom, T> generator, Property<T> property) {
        StackWalker.StackFrame caller = StackWalker.getInstance()
                .walk(frames -> frames.skip(1).findFirst())
                .orElseThrow();
        String className = caller.getClassName().substring(caller.getClassName().lastIndexOf('.') + 1);
        String name = className + "#" + caller.getMethodName();
        long seed = runSeed(name);
        Integer only = Integer.getInteger(CASE);
        SplittableRandom caseSeeds = new SplittableRandom(seed);
        int checked = 0;
        for (int i = 0; i < cases; i++) {
            SplittableRandom random = new SplittableRandom(caseSeeds.nextLong());
            if (only != null && only != i) {
                continue;
            }
            T input = null;
            try {
                input = generator.apply(random);
                property.check(input);
            } catch (Exception | AssertionError failure) {
                throw new AssertionError(
                        String.format(
                                "property %s failed on case %d of %d (seed %d)%n  input: %s%n  replay: ./mvnw test -Dtest=%s -D%s=%d -D%s=%d%n  %s",
                                name,
                                i,
                                cases,
                                seed,
                                abbreviate(String.valueOf(input)),
                                name,
                                SEED,
                                seed,
                                CASE,
                                i,
                                failure),
                        failure);
            }
            checked++;
        }
        System.out.printf("[property] %s: %d cases passed (seed %d)%n", name, checked, seed);
    }

    private static long runSeed(String property) {
        String given = System.getProperty(SEED);
        if (given == null || given.isBlank()) {
            return DEFAULT_SEED * 31 + property.hashCode();
        }
        return given.equals("random") ? new SplittableRandom().nextLong() : Long.parseLong(given.trim());
    }

    private static String abbreviate(String s) {
        return s.length() <= INPUT_SHOWN ? s : s.substring(0, INPUT_SHOWN) + "…(" + s.length() + " chars)";
    }
}
