package app.symmetry.indicator;

import java.util.Objects;

/**
 * Correlations with one period of lag, in both directions, since the link between how staff are
 * treated and how customers are treated is found to run both ways (Schneider, White &amp; Paul 1998):
 * {@code employeeLeads} pairs each unit's employee figure of the previous period with its customer
 * figure of the current one, {@code customerLeads} the reverse. Each carries its own unit count,
 * as only units present in both periods are paired.
 */
public record LaggedCorrelation(Correlation employeeLeads, Correlation customerLeads) {

    public LaggedCorrelation {
        Objects.requireNonNull(employeeLeads, "employeeLeads");
        Objects.requireNonNull(customerLeads, "customerLeads");
    }

    public static LaggedCorrelation between(UnitValues previous, UnitValues current) {
        return new LaggedCorrelation(
                Correlation.across(previous.employee(), current.customer()),
                Correlation.across(previous.customer(), current.employee()));
    }
}
