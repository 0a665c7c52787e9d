package app.symmetry.function;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import app.symmetry.domain.AggregationReport;
import app.symmetry.aggregation.AggregationRequest;
import app.symmetry.aggregation.Aggregator;
import app.symmetry.domain.Snapshot;
import app.symmetry.snapshot.SnapshotPage;
import app.symmetry.snapshot.SnapshotService;
import io.quarkus.funqy.Funq;

/** The scheduler's entry and the snapshot API (all protected). */
public class SnapshotFunctions {

    private final Aggregator aggregator;
    private final SnapshotService snapshots;
    private final Clock clock;

    public SnapshotFunctions(Aggregator aggregator, SnapshotService snapshots, Clock clock) {
        this.aggregator = aggregator;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Funq
    public AggregationReport aggregateSnapshots(Map<String, Object> request) {
        AggregationRequest in = AggregationRequest.read(request);
        if (in.from().isPresent()) {
            return aggregator.recompute(in.from().get(), in.to().get());
        }
        return aggregator.runScheduled(in.scheduledTime().orElse(clock.instant().truncatedTo(ChronoUnit.MINUTES)));
    }

    @Funq
    public Snapshot getSnapshot(Map<String, String> query) {
        return snapshots.get(query);
    }

    @Funq
    public SnapshotPage listSnapshots(Map<String, String> query) {
        return snapshots.list(query);
    }
}
