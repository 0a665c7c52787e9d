package app.symmetry.answer;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A customer's comment as {@code listComments} returns it: plain text as written (a reader renders it as
 * text, never as markup), its day (never its time), the recommendation's group and the ratings beside it.
 *
 * @param group {@code promoter} (9–10), {@code passive} (7–8) or {@code detractor} (0–6)
 */
@RegisterForReflection
public record Comment(
        String unitId, String day, int recommend, String group, Map<String, Integer> ratings, String text) {

    public Comment {
        ratings = Map.copyOf(ratings);
    }

    /** The recommendation's group, as the NPS counts it. */
    public static String groupOf(int recommend) {
        return recommend >= 9 ? "promoter" : recommend >= 7 ? "passive" : "detractor";
    }
}
