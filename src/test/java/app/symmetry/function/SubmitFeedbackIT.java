package app.symmetry.function;

import org.junit.jupiter.api.extension.ExtendWith;

import app.symmetry.testing.PackagedFunction;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SubmitFeedbackTest} against the packaged function (the JVM artifact; the native binary with -Dnative). */
@QuarkusIntegrationTest
@ExtendWith(PackagedFunction.class)
class SubmitFeedbackIT extends SubmitFeedbackTest {
}
