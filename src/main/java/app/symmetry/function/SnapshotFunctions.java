package app.symmetry.function;

import java.util.Map;

import app.symmetry.aggregation.AggregationResult;
import app.symmetry.aggregation.Aggregator;
import app.symmetry.domain.Snapshot;
import app.symmetry.function.request.AggregationRequests;
import app.symmetry.function.request.SnapshotRequests;
import app.symmetry.snapshot.SnapshotPage;
import app.symmetry.snapshot.SnapshotService;
import io.quarkus.funqy.Funq;

/** The scheduler's entry and the snapshot API (all protected). */
public class SnapshotFunctions {

    private final Aggregator aggregator;
    private final SnapshotService snapshots;

    public SnapshotFunctions(Aggregator aggregator, SnapshotService snapshots) {
        this.aggregator = aggregator;
        this.snapshots = snapshots;
    }

    @Funq
    public AggregationResult aggregateSnapshots(Map<String, Object> request) {
        return aggregator.run(AggregationRequests.read(request));
    }

    @Funq
    public Snapshot getSnapshot(Map<String, String> query) {
        return snapshots.get(SnapshotRequests.get(query));
    }

    @Funq
    public SnapshotPage listSnapshots(Map<String, String> query) {
        return snapshots.list(SnapshotRequests.list(query));
    }
}
