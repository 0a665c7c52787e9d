package app.symmetry.answer;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** One answer to {@code submitFeedback} or {@code submitPulse}, as the client sent it, read strictly. */
public record Submission(
        UUID submissionId,
        String token,
        Optional<String> language,
        int recommend,
        Map<String, Integer> ratings,
        Optional<String> comment,
        Optional<Contact> contact) {

    public Submission {
        ratings = Map.copyOf(ratings);
    }
}
