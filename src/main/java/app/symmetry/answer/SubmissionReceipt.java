package app.symmetry.answer;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to an answer: {@code accepted}, or {@code duplicate} when that id was already stored. */
@RegisterForReflection
public record SubmissionReceipt(String status, String submissionId) {

    public static SubmissionReceipt accepted(String submissionId) {
        return new SubmissionReceipt("accepted", submissionId);
    }

    public static SubmissionReceipt duplicate(String submissionId) {
        return new SubmissionReceipt("duplicate", submissionId);
    }
}
