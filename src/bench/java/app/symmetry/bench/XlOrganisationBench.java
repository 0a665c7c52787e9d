package app.symmetry.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import app.symmetry.aggregation.Aggregator;
import app.symmetry.storage.Dynamo;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.testing.TestClock;

/**
 * Aggregation over 10,000 units, the largest retail networks ({@code -Dbench.size=xl}: the full size
 * and this): 100 k answers by default, or the sizes in {@code -Dbench.xl=…}. Measured, not
 * extrapolated: the full recompute, the hourly runs and the run after midnight, with what each asks
 * of DynamoDB. Not run otherwise (no Quarkus start for it), so the quick and full sizes keep their
 * times.
 */
@QuarkusTest
@TestProfile(Organisations.Units10000.class)
@EnabledIfSystemProperty(named = "bench.size", matches = "xl")
public class XlOrganisationBench {

    @Inject
    Dynamo dynamo;

    @Inject
    SymmetryTable table;

    @Inject
    Aggregator aggregator;

    @Inject
    TestClock clock;

    @Test
    void run() {
        Map<String, Object> figures = new LinkedHashMap<>();
        AggregationScenario scenario = new AggregationScenario(
                aggregator,
                clock,
                new AnswerData(dynamo.client(), table),
                Organisations.Units10000.ORG,
                Organisations.unitIds(Organisations.Units10000.ORG, 10_000),
                figures);
        try {
            for (String size : System.getProperty("bench.xl", "100000").split(",")) {
                if (!scenario.run(Long.parseLong(size.trim()))) {
                    break;
                }
            }
        } catch (RuntimeException failure) {
            figures.put("aggregate.10000u.error", String.valueOf(failure));
            failure.printStackTrace(System.out);
        }
        Bench.writePart(Results.XL_PART, figures);
    }
}
