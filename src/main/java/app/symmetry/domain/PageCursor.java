package app.symmetry.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a listing stopped, opaque to clients: base64url of {@code name=value} lines. A cursor names
 * its listing (a partition, a period), so one given for another listing is refused, not misread.
 */
public final class PageCursor {

    private PageCursor() {}

    /** A cursor this API did not give for this listing. */
    public static class InvalidCursor extends IllegalArgumentException {
        public InvalidCursor() {
            super("cursor is not one this API gave for this listing");
        }
    }

    public static String encode(Map<String, String> position) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(position)
                .forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param names exactly the names the cursor must hold
     * @param listing names and values the cursor must repeat: which listing it belongs to
     */
    public static Map<String, String> decode(String cursor, List<String> names, Map<String, String> listing) {
        Map<String, String> position = new HashMap<>();
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidCursor();
                }
                position.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidCursor();
        }
        if (!position.keySet().equals(new HashSet<>(names))
                || !listing.entrySet().stream().allMatch(e -> e.getValue().equals(position.get(e.getKey())))) {
            throw new InvalidCursor();
        }
        return position;
    }
}
