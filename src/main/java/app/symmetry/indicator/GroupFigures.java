package app.symmetry.indicator;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Both sides of one group (unit, region, organisation) for one period, as they are to be
 * published: an employee side withheld by the anonymity rules is simply absent here, and so are
 * the gaps that would need it.
 */
public record GroupFigures(Optional<SideFigures> customer, Optional<SideFigures> employee) {

    public GroupFigures {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(employee, "employee");
    }

    public static GroupFigures of(SideTally customer, SideTally employee) {
        return new GroupFigures(SideFigures.of(customer), SideFigures.of(employee));
    }

    public Gaps gaps() {
        if (customer.isEmpty() || employee.isEmpty()) {
            return Gaps.NONE;
        }
        return Gaps.between(customer.get(), employee.get());
    }

    /**
     * Every figure by its path ("customer.nps", "employee.enps", "customer.attentionIndex",
     * "employee.dimensions.listening", "gaps.listening", "symmetry"), exact. Counts are not
     * figures here: they carry no trend.
     */
    public Map<String, Double> figuresByPath() {
        TreeMap<String, Double> out = new TreeMap<>();
        customer.ifPresent(side -> addSide(out, "customer", "nps", side));
        employee.ifPresent(side -> addSide(out, "employee", "enps", side));
        Gaps gaps = gaps();
        gaps.byDimension().forEach((id, gap) -> out.put("gaps." + id, gap));
        gaps.symmetry().ifPresent(s -> out.put("symmetry", s));
        return Collections.unmodifiableSortedMap(out);
    }

    private static void addSide(Map<String, Double> out, String side, String npsName, SideFigures figures) {
        out.put(side + "." + npsName, figures.nps().value());
        figures.attentionIndex().ifPresent(a -> out.put(side + ".attentionIndex", a));
        figures.dimensions().forEach((id, score) -> out.put(side + ".dimensions." + id, score.score()));
    }
}
