package app.symmetry.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Request bodies as the forms send them. */
public final class Answers {

    private Answers() {}

    public static Map<String, Object> feedback(String token) {
        Map<String, Object> body = new HashMap<>();
        body.put("submissionId", UUID.randomUUID().toString());
        body.put("token", token);
        body.put("language", "fr");
        body.put("recommend", 9);
        body.put(
                "ratings",
                Map.of("listening", 5, "ownership", 4, "information", 4, "recognition", 5, "cooperation", 3));
        body.put("comment", "Très bon accueil.");
        body.put("website", "");
        return body;
    }

    /** An employee's pulse as the pulse form sends it: the same questions, and no comment box. */
    public static Map<String, Object> pulse(String token) {
        return with(feedback(token), "comment", null);
    }

    public static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        if (value == null) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }

    /** What API Gateway's request template hands a public answer function. */
    public static Map<String, Object> viaGateway(Map<String, Object> body, String sourceIp) {
        return Map.of("body", body, "origin", Map.of("sourceIp", sourceIp, "userAgent", "Mozilla/5.0 (test phone)"));
    }

    public static String randomIp() {
        return "10." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250) + "."
                + (1 + (int) (Math.random() * 250));
    }
}
