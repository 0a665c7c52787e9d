package app.symmetry.function;

import java.util.Map;

import app.symmetry.answer.AnswerService;
import app.symmetry.answer.SubmissionReceipt;
import app.symmetry.api.DeviceOrigins;
import app.symmetry.api.GatewayRequest;
import app.symmetry.token.Audience;
import io.quarkus.funqy.Funq;

/** The two public answer functions: a customer's feedback and an employee's pulse. */
public class AnswerFunctions {

    private final AnswerService answers;
    private final DeviceOrigins origins;

    public AnswerFunctions(AnswerService answers, DeviceOrigins origins) {
        this.answers = answers;
        this.origins = origins;
    }

    @Funq
    public SubmissionReceipt submitFeedback(Map<String, Object> request) {
        GatewayRequest in = GatewayRequest.of(request, origins);
        return answers.submit(Audience.CUSTOMER, in.body(), in.origin());
    }

    @Funq
    public SubmissionReceipt submitPulse(Map<String, Object> request) {
        GatewayRequest in = GatewayRequest.of(request, origins);
        return answers.submit(Audience.PULSE, in.body(), in.origin());
    }
}
