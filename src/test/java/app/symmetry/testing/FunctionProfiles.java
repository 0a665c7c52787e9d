package app.symmetry.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * One Lambda serves one function ({@code QUARKUS_FUNQY_EXPORT}); a test of a function through the
 * Lambda binding runs the application with that export, as its Lambda would.
 */
public final class FunctionProfiles {

    private FunctionProfiles() {}

    public static class SubmitPulse implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "submitPulse");
        }
    }

    public static class AggregateSnapshots implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "aggregateSnapshots");
        }
    }

    public static class GetSnapshot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "getSnapshot");
        }
    }

    public static class NotifyFollowUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "notifyFollowUp");
        }
    }
}
