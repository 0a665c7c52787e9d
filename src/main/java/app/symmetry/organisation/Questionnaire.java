package app.symmetry.organisation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The mirrored questionnaire: each dimension is asked of customers and of employees in words fit
 * for each side, so that both answers land on the same scale. Texts are keyed by language.
 */
@RegisterForReflection
public record Questionnaire(Headline headline, List<Dimension> dimensions) {

    public Questionnaire {
        dimensions = List.copyOf(dimensions);
    }

    @RegisterForReflection
    public record Headline(Map<String, String> customer, Map<String, String> employee) {}

    @RegisterForReflection
    public record Dimension(String id, Map<String, String> customer, Map<String, String> employee) {}

    public Set<String> dimensionIds() {
        return dimensions.stream().map(Dimension::id).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
