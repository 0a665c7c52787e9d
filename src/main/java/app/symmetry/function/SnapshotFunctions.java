package app.symmetry.function;

import java.util.List;
import java.util.Map;

import io.quarkus.funqy.Funq;

import app.symmetry.access.Access;
import app.symmetry.access.Role;
import app.symmetry.aggregation.AggregationResult;
import app.symmetry.aggregation.Aggregator;
import app.symmetry.campaign.PulseCampaigns;
import app.symmetry.domain.Snapshot;
import app.symmetry.function.request.AggregationRequests;
import app.symmetry.function.request.SnapshotRequests;
import app.symmetry.snapshot.SnapshotListing;
import app.symmetry.snapshot.SnapshotPage;
import app.symmetry.snapshot.SnapshotQuery;
import app.symmetry.snapshot.SnapshotService;

/** The scheduler's entry and the snapshot API (all protected). */
public class SnapshotFunctions {

    private final Aggregator aggregator;
    private final SnapshotService snapshots;
    private final Access access;
    private final PulseCampaigns campaigns;

    public SnapshotFunctions(
            Aggregator aggregator, SnapshotService snapshots, Access access, PulseCampaigns campaigns) {
        this.campaigns = campaigns;
        this.aggregator = aggregator;
        this.snapshots = snapshots;
        this.access = access;
    }

    @Funq
    public AggregationResult aggregateSnapshots(Map<String, Object> request) {
        // The schedule invokes directly (Caller.DIRECT, trusted by IAM); through the API, admins only.
        Access.Authorized in = access.authorize(request, Role.ADMIN);
        return aggregator.run(AggregationRequests.read(in.body()), in.caller().keyId());
    }

    @Funq
    public Snapshot getSnapshot(Map<String, String> query) {
        Access.Authorized in = access.authorize(query, Role.ADMIN, Role.VIEWER, Role.SERVICE);
        SnapshotQuery wanted = SnapshotRequests.get(in.body());
        access.requireVisible(in.caller(), wanted.scope(), wanted.id());
        return campaigns.withCredentials(List.of(snapshots.get(wanted))).get(0);
    }

    @Funq
    public SnapshotPage listSnapshots(Map<String, String> query) {
        Access.Authorized in = access.authorize(query, Role.ADMIN, Role.VIEWER, Role.SERVICE);
        SnapshotListing wanted = SnapshotRequests.list(in.body());
        if (wanted instanceof SnapshotListing.History history) {
            access.requireVisible(in.caller(), history.scope(), history.id());
        }
        SnapshotPage page = snapshots.list(wanted);
        // scope=units/regions lists every group of a period: a scoped key sees its own (a page may then be short).
        List<Snapshot> visible = access.visible(in.caller(), page.items(), Snapshot::scope, Snapshot::id);
        // A unit's history says how many credentials each period's answers could have come from (one read).
        return new SnapshotPage(
                wanted instanceof SnapshotListing.History ? campaigns.withCredentials(visible) : visible,
                page.cursor());
    }
}
