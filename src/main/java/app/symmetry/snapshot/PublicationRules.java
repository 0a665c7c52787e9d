package app.symmetry.snapshot;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.symmetry.aggregation.PeriodType;
import app.symmetry.anonymity.AnonymityPolicy;
import app.symmetry.organisation.Organisation;

/**
 * What may be published, as configured: the minimum group size k and the one kind of period employee
 * figures are published for. One place, so the run that stores snapshots and the reads that compute a
 * unit's days apply the same rules.
 */
@ApplicationScoped
public class PublicationRules {

    private final AnonymityPolicy policy;
    private final PeriodType employeePeriod;

    public PublicationRules(@ConfigProperty(name = "symmetry.anonymity.k", defaultValue = "5") int k,
            @ConfigProperty(name = "symmetry.anonymity.employee-period", defaultValue = "MONTH") PeriodType employeePeriod) {
        this.policy = new AnonymityPolicy(k);
        this.employeePeriod = employeePeriod;
    }

    public SnapshotAssembler assembler(Organisation organisation) {
        return new SnapshotAssembler(organisation, policy, employeePeriod);
    }
}
