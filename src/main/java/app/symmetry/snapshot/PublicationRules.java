package app.symmetry.snapshot;

import jakarta.inject.Singleton;

import app.symmetry.SymmetryConfig;
import app.symmetry.anonymity.AnonymityPolicy;
import app.symmetry.domain.PeriodType;
import app.symmetry.organisation.Organisation;

/**
 * What may be published, as configured: the minimum group size k and the one kind of period employee
 * figures are published for. One place, so the run that stores snapshots and the reads that compute a
 * unit's days apply the same rules.
 */
@Singleton
public class PublicationRules {

    private final AnonymityPolicy policy;
    private final PeriodType employeePeriod;

    public PublicationRules(SymmetryConfig config) {
        this.policy = new AnonymityPolicy(config.anonymityK());
        this.employeePeriod = config.employeePeriod();
    }

    public SnapshotAssembler assembler(Organisation organisation) {
        return new SnapshotAssembler(organisation, policy, employeePeriod);
    }
}
