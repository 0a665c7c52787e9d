package app.symmetry.indicator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each figure's change since the previous period of the same kind, keyed by figure path, for the
 * figures published in both periods.
 *
 * <p>The change is taken between the published (one-decimal) figures, so that a reader who
 * subtracts last period's figure from this one's finds exactly the trend shown.
 */
public record Trend(Map<String, Double> changes) {

    public Trend {
        changes = Collections.unmodifiableSortedMap(new TreeMap<>(changes));
    }

    public static Trend between(GroupFigures previous, GroupFigures current) {
        return between(previous.figuresByPath(), current.figuresByPath());
    }

    public static Trend between(Map<String, Double> previous, Map<String, Double> current) {
        TreeMap<String, Double> changes = new TreeMap<>();
        current.forEach((path, now) -> {
            Double before = previous.get(path);
            if (before != null) {
                changes.put(
                        path,
                        PublishedValue.oneDecimal(PublishedValue.oneDecimal(now) - PublishedValue.oneDecimal(before)));
            }
        });
        return new Trend(changes);
    }
}
