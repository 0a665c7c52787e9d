package app.symmetry.followup;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import app.symmetry.domain.FollowUp;

/**
 * A follow-up as {@code listFollowUps} and {@code updateFollowUp} return it: the only output of the
 * API that ever holds a customer's address ({@code contactEmail}, absent once closed, erased or
 * 30 days old).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FollowUpView(
        String followUpId,
        String unitId,
        String region,
        String receivedAt,
        int recommend,
        String comment,
        String language,
        String status,
        String note,
        String updatedAt,
        String contactEmail,
        boolean notified) {

    static FollowUpView of(FollowUp f) {
        return new FollowUpView(
                f.id(),
                f.unitId(),
                f.region(),
                f.receivedAt().toString(),
                f.recommend(),
                f.comment().orElse(null),
                f.language().orElse(null),
                f.status().wireName(),
                f.note().orElse(null),
                f.updatedAt().map(Object::toString).orElse(null),
                f.contactEmail().orElse(null),
                f.notified());
    }
}
