package app.symmetry.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import app.symmetry.aggregation.Aggregator;
import app.symmetry.storage.Dynamo;
import app.symmetry.storage.SymmetryTable;
import app.symmetry.testing.TestClock;

/**
 * Aggregation over 1,000 units (full size only): 100 k answers, and the sizes listed in
 * {@code -Dbench.large=100000,1000000} when given (1 M does not fit the full size's 20 minutes on
 * 2 cores: its time is extrapolated in the results table instead).
 */
@QuarkusTest
@TestProfile(Organisations.Units1000.class)
public class LargeOrganisationBench {

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
        if (!Bench.full()) {
            figures.put("aggregate.1000u.status", "1,000 units: full size only");
            Bench.writePart("2-aggregate-1000u", figures);
            return;
        }
        AggregationScenario scenario = new AggregationScenario(
                aggregator,
                clock,
                new AnswerData(dynamo.client(), table),
                Organisations.Units1000.ORG,
                Organisations.unitIds(Organisations.Units1000.ORG, 1000),
                figures);
        for (String size : System.getProperty("bench.large", "100000").split(",")) {
            if (!scenario.run(Long.parseLong(size.trim()))) {
                // without the aggregator, bare figures of the first size are enough
                break;
            }
        }
        Bench.writePart("2-aggregate-1000u", figures);
    }
}
