package app.symmetry.organisation;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads an organisation file strictly: an unknown member, a missing one or a wrong type is an
 * error naming its path ({@code units[3].timeZone}), so a typo in the file never passes silently.
 * <p>
 * Read from Jackson's tree rather than bound to the records, for the reason {@code JsonText} gives
 * for writing JSON by hand: every function reads this file on its first call.
 */
final class OrganisationJson {

    /** The shape the answer form accepts for a customer's address, for a unit's too. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,253}\\.[^@\\s.]{2,63}$");

    private OrganisationJson() {}

    /** The organisation, with {@code fallback} as its questionnaire when the file has none. */
    static Organisation organisation(JsonNode root, Supplier<Questionnaire> fallback) {
        members(root, "", Set.of("id", "name", "units", "questionnaire", "defaultLanguage"));
        List<Unit> units = new ArrayList<>();
        JsonNode list = array(root, "units", "");
        for (int i = 0; i < list.size(); i++) {
            String path = "units[" + i + "]";
            JsonNode u = list.get(i);
            members(u, path, Set.of("id", "name", "region", "timeZone", "languages", "smoke", "contactEmail"));
            List<String> languages = new ArrayList<>();
            JsonNode langs = array(u, "languages", path);
            for (int j = 0; j < langs.size(); j++) {
                languages.add(text(langs.get(j), path + ".languages[" + j + "]"));
            }
            try {
                units.add(new Unit(
                        id(u, "id", path),
                        text(u, "name", path),
                        id(u, "region", path),
                        text(u, "timeZone", path),
                        languages,
                        flag(u, "smoke", path),
                        email(u, "contactEmail", path).orElse(null)));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(path + ".timeZone: " + e.getMessage(), e);
            }
        }
        JsonNode q = root.get("questionnaire");
        Questionnaire questionnaire = q == null || q.isNull() ? fallback.get() : questionnaire(q, "questionnaire");
        String language = root.has("defaultLanguage") ? text(root, "defaultLanguage", "") : "en";
        if (!Organisation.LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("defaultLanguage must be one of " + Organisation.LANGUAGES);
        }
        return new Organisation(id(root, "id", ""), text(root, "name", ""), units, questionnaire, language);
    }

    static Questionnaire questionnaire(JsonNode q, String path) {
        members(q, path, Set.of("headline", "dimensions"));
        String headlinePath = join(path, "headline");
        JsonNode h = object(q, "headline", path);
        members(h, headlinePath, Set.of("customer", "employee"));
        Questionnaire.Headline headline =
                new Questionnaire.Headline(texts(h, "customer", headlinePath), texts(h, "employee", headlinePath));
        List<Questionnaire.Dimension> dimensions = new ArrayList<>();
        JsonNode list = array(q, "dimensions", path);
        for (int i = 0; i < list.size(); i++) {
            String at = join(path, "dimensions[" + i + "]");
            JsonNode d = list.get(i);
            members(d, at, Set.of("id", "customer", "employee"));
            dimensions.add(
                    new Questionnaire.Dimension(text(d, "id", at), texts(d, "customer", at), texts(d, "employee", at)));
        }
        return new Questionnaire(headline, dimensions);
    }

    private static void members(JsonNode node, String path, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException((path.isEmpty() ? "the file" : path) + " must be an object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(
                        join(path, name) + " is not a known member (known: " + allowed + ")");
            }
        }
    }

    private static JsonNode object(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(join(path, name) + " must be an object");
        }
        return node;
    }

    private static JsonNode array(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(join(path, name) + " must be an array");
        }
        return node;
    }

    /**
     * Unit, region and organisation ids travel into table keys ({@code #}-separated), URLs, file names
     * and CSV cells: letters, digits, {@code -} and {@code _} only, starting with a letter or digit, so
     * none can split a key, need escaping in a path, or become a spreadsheet formula.
     */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private static String id(JsonNode parent, String name, String path) {
        String id = text(parent, name, path);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(join(path, name) + ": \"" + id
                    + "\" is not an id: 1 to 64 letters, digits, '-' or '_', starting with a letter or digit");
        }
        return id;
    }

    private static String text(JsonNode parent, String name, String path) {
        return text(parent.get(name), join(path, name));
    }

    private static String text(JsonNode node, String path) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException(path + " must be a non-empty string");
        }
        return node.asText();
    }

    /** An optional e-mail address member. */
    private static Optional<String> email(JsonNode parent, String name, String path) {
        if (!parent.has(name)) {
            return Optional.empty();
        }
        String address = text(parent, name, path);
        if (!EMAIL.matcher(address).matches()) {
            throw new IllegalArgumentException(join(path, name) + " must be an e-mail address");
        }
        return Optional.of(address);
    }

    /** An optional boolean member: absent is false. */
    private static boolean flag(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException(join(path, name) + " must be true or false");
        }
        return node.booleanValue();
    }

    /** Texts keyed by language. */
    private static Map<String, String> texts(JsonNode parent, String name, String path) {
        String at = join(path, name);
        JsonNode node = object(parent, name, path);
        Map<String, String> texts = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> texts.put(e.getKey(), text(e.getValue(), at + "." + e.getKey())));
        return texts;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
