package app.symmetry.function.request;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;

/**
 * Strict reading of one JSON object of a request: every member must be known, of its type and in
 * its range, or the whole request is refused with the member's path and a message a client
 * developer can act on. Funqy hands functions the JSON as plain maps; reading them here (instead of
 * letting Jackson bind a class) is what makes unknown members, {@code 9.5} for an integer and
 * {@code "9"} for a number visible errors rather than silent coercions, on both bindings alike.
 * <p>
 * Query strings (GET) carry every value as text: {@link #ofQuery} accepts decimal text for numbers.
 */
public final class InputFields {

    private static final Pattern UUID_SHAPE =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final Map<String, ?> members;
    private final String path;
    private final boolean textNumbers;

    private InputFields(Map<String, ?> members, String path, boolean textNumbers) {
        this.members = members;
        this.path = path;
        this.textNumbers = textNumbers;
    }

    /** A JSON request body; {@code null} (no body) reads as an empty object. */
    public static InputFields of(Map<String, ?> body, String... allowed) {
        return checked(body == null ? Map.of() : body, "", false, allowed);
    }

    /** A request whose members may arrive as query parameters (text) or as JSON. */
    public static InputFields ofQuery(Map<String, ?> query, String... allowed) {
        return checked(query == null ? Map.of() : query, "", true, allowed);
    }

    private static InputFields checked(Map<String, ?> members, String path, boolean textNumbers, String... allowed) {
        Set<String> known = new LinkedHashSet<>(Arrays.asList(allowed));
        for (String name : members.keySet()) {
            if (!known.contains(name)) {
                String field = path + name;
                throw new SymmetryException(
                        ErrorCode.UNKNOWN_FIELD,
                        field,
                        field + " is not a known field; expected one of " + String.join(", ", known));
            }
        }
        return new InputFields(members, path, textNumbers);
    }

    public boolean has(String name) {
        return members.get(name) != null;
    }

    /** A member as JSON gave it (a list, a map, a string…), for readers of their own; {@code null} when absent. */
    public Object raw(String name) {
        return members.get(name);
    }

    public String field(String name) {
        return path + name;
    }

    public String requiredString(String name, int maxLength) {
        return optionalString(name, maxLength).orElseThrow(() -> missing(name));
    }

    public Optional<String> optionalString(String name, int maxLength) {
        Object value = members.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw invalid(name, field(name) + " must be a string");
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new SymmetryException(
                    ErrorCode.TOO_LARGE, field(name), field(name) + " must be at most " + maxLength + " characters");
        }
        return Optional.of(text);
    }

    /** A string that must be one of a closed set of values. */
    public Optional<String> optionalChoice(String name, Set<String> choices) {
        Optional<String> value = optionalString(name, 64);
        value.ifPresent(v -> {
            if (!choices.contains(v)) {
                throw invalid(
                        name,
                        field(name) + " must be one of "
                                + String.join(", ", choices.stream().sorted().toList()));
            }
        });
        return value;
    }

    public String requiredChoice(String name, Set<String> choices) {
        return optionalChoice(name, choices).orElseThrow(() -> missing(name));
    }

    public UUID requiredUuid(String name) {
        String text = requiredString(name, 36);
        if (!UUID_SHAPE.matcher(text).matches()) {
            throw invalid(name, field(name) + " must be a UUID such as 3f0c2a8e-6c1b-4b5e-9a57-2f1d4b8e9c10");
        }
        return UUID.fromString(text);
    }

    public int requiredInt(String name, int min, int max) {
        OptionalInt value = optionalInt(name, min, max);
        if (value.isEmpty()) {
            throw missing(name);
        }
        return value.getAsInt();
    }

    public OptionalInt optionalInt(String name, int min, int max) {
        Object value = members.get(name);
        if (value == null) {
            return OptionalInt.empty();
        }
        BigInteger integer = integerOf(value);
        if (integer == null
                || integer.compareTo(BigInteger.valueOf(min)) < 0
                || integer.compareTo(BigInteger.valueOf(max)) > 0) {
            throw invalid(name, field(name) + " must be an integer from " + min + " to " + max);
        }
        return OptionalInt.of(integer.intValueExact());
    }

    public Optional<Boolean> optionalBoolean(String name) {
        Object value = members.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        if (textNumbers && ("true".equals(value) || "false".equals(value))) {
            return Optional.of(Boolean.parseBoolean((String) value));
        }
        throw invalid(name, field(name) + " must be true or false");
    }

    /** A nested object, itself read strictly. */
    public Optional<InputFields> optionalObject(String name, String... allowed) {
        Object value = members.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(name, field(name) + " must be an object");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw invalid(name, field(name) + " must be an object");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> nested = (Map<String, ?>) map;
        return Optional.of(checked(nested, field(name) + ".", textNumbers, allowed));
    }

    public SymmetryException missing(String name) {
        return new SymmetryException(ErrorCode.MISSING_FIELD, field(name), field(name) + " is required");
    }

    public SymmetryException invalid(String name, String message) {
        return new SymmetryException(ErrorCode.INVALID_FIELD, field(name), message);
    }

    private BigInteger integerOf(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return big;
        }
        if (value instanceof String text && textNumbers && text.matches("-?\\d{1,18}")) {
            return new BigInteger(text);
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return null; // 9.0 is not an integer in this contract: clients send integers
        }
        return null;
    }
}
