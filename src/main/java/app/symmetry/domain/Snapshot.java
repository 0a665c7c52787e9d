package app.symmetry.domain;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A published snapshot, as the OpenAPI document shows it. Absent figures are absent members, never nulls or NaN.
 *
 * @param correlation on region and organisation scopes only
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Snapshot(
        String scope,
        String id,
        String period,
        int methodVersion,
        String computedAt,
        CustomerSide customer,
        EmployeeSide employee,
        Map<String, Double> gaps,
        Double symmetry,
        Map<String, Double> trend,
        CorrelationView correlation) {

    public static final int METHOD_VERSION = 1;

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NpsView(double value, Double moe95) {}

    @RegisterForReflection
    public record DimensionView(long n, double score) {}

    /** @param insufficient set when fewer than 10 customers answered: shown, but marked */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CustomerSide(
            long n, NpsView nps, Map<String, DimensionView> dimensions, Double attentionIndex, Boolean insufficient) {}

    /**
     * Either figures ({@code suppressed: false}) or only {@code suppressed: true}, the minimum group
     * size and why: no {@code n}, no figure.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EmployeeSide(
            Long n,
            boolean suppressed,
            NpsView enps,
            Map<String, DimensionView> dimensions,
            Double attentionIndex,
            Integer minimumGroupSize,
            String reason,
            Long credentials) {

        public EmployeeSide(
                Long n,
                boolean suppressed,
                NpsView enps,
                Map<String, DimensionView> dimensions,
                Double attentionIndex,
                Integer minimumGroupSize,
                String reason) {
            this(n, suppressed, enps, dimensions, attentionIndex, minimumGroupSize, reason, null);
        }

        public static EmployeeSide suppressed(int k, String reason) {
            return new EmployeeSide(null, true, null, null, null, k, reason);
        }

        /**
         * How many pulse credentials the period's answers could have come from (a unit's snapshots): the
         * credentials issued by the unit's campaigns open in the period, a shared code counting one.
         */
        public EmployeeSide withCredentials(long issued) {
            return new EmployeeSide(n, suppressed, enps, dimensions, attentionIndex, minimumGroupSize, reason, issued);
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CorrelationView(int units, Double pearson, List<Double> pearson95, Double spearman, Lagged lagged) {}

    @RegisterForReflection
    public record Lagged(LaggedView employeeLeads, LaggedView customerLeads) {}

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LaggedView(Double pearson, int units) {}
}
