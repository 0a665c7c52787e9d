package app.symmetry.function;

import java.util.Map;

import io.quarkus.funqy.Funq;

import app.symmetry.answer.AnswerService;
import app.symmetry.answer.SubmissionReceipt;
import app.symmetry.function.request.AnswerRequests;
import app.symmetry.function.request.DeviceOrigins;
import app.symmetry.function.request.GatewayRequest;
import app.symmetry.organisation.OrganisationDirectory;
import app.symmetry.token.Audience;

/** The two public answer functions: a customer's feedback and an employee's pulse. */
public class AnswerFunctions {

    private final AnswerService answers;
    private final OrganisationDirectory directory;
    private final DeviceOrigins origins;

    public AnswerFunctions(AnswerService answers, OrganisationDirectory directory, DeviceOrigins origins) {
        this.answers = answers;
        this.directory = directory;
        this.origins = origins;
    }

    @Funq
    public SubmissionReceipt submitFeedback(Map<String, Object> request) {
        return submit(Audience.CUSTOMER, request);
    }

    @Funq
    public SubmissionReceipt submitPulse(Map<String, Object> request) {
        return submit(Audience.PULSE, request);
    }

    private SubmissionReceipt submit(Audience audience, Map<String, Object> request) {
        GatewayRequest in = GatewayRequest.of(request, origins);
        return answers.submit(
                audience,
                AnswerRequests.submission(
                        in.body(), audience, directory.questionnaire().dimensionIds()),
                in.origin());
    }
}
