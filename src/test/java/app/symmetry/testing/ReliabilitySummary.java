package app.symmetry.testing;

import java.util.List;
import java.util.Map;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the reliability figures once the whole test plan has run (registered in
 * META-INF/services). Every figure is a counter the tests incremented; nothing is computed here.
 * Prints nothing when no reliability test ran.
 */
public class ReliabilitySummary implements TestExecutionListener {

    private static final List<String> ORDER = List.of(
            ReliabilityCounters.INPUTS_TRIED,
            ReliabilityCounters.INPUTS_REJECTED,
            ReliabilityCounters.INPUTS_ACCEPTED,
            ReliabilityCounters.LOAD_SENT,
            ReliabilityCounters.LOAD_DISTINCT,
            ReliabilityCounters.LOAD_ACKNOWLEDGED,
            ReliabilityCounters.LOAD_STORED,
            ReliabilityCounters.SERVER_ERRORS,
            ReliabilityCounters.FAULTS_SURVIVED,
            ReliabilityCounters.OUTAGE_RETRY_ANSWERS,
            ReliabilityCounters.ANSWERS_LOST,
            ReliabilityCounters.LOCAL_RUN_CRASHES_SURVIVED,
            ReliabilityCounters.LOCAL_RUN_ACKNOWLEDGED_LOST,
            ReliabilityCounters.SECURITY_REFUSALS,
            ReliabilityCounters.ACCESS_ATTACKS,
            ReliabilityCounters.ATTACKS,
            ReliabilityCounters.LEAKS,
            ReliabilityCounters.CLOSED_PERIOD_ATTEMPTS,
            ReliabilityCounters.CLOSED_PERIOD_CHANGES);

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        Map<String, Long> all = ReliabilityCounters.all();
        if (all.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder("\n=== Symmetry reliability summary ===\n");
        out.append(String.format(
                "  %-52s %s%n", "mode", ReliabilityCounters.heavy() ? "heavy (-Dsymmetry.heavy=true)" : "default"));
        for (String name : ORDER) {
            // a figure no test counted is "not run", never a reassuring 0
            out.append(String.format(
                    "  %-52s %s%n", name, all.containsKey(name) ? all.get(name).toString() : "not run"));
        }
        all.forEach((name, value) -> {
            if (!ORDER.contains(name)) {
                out.append(String.format("  %-52s %d%n", name, value));
            }
        });
        out.append("====================================\n");
        System.out.print(out);
        System.out.flush();
    }
}
