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

    public static class IssueUnitCode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "issueUnitCode");
        }
    }

    public static class IssueLinks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "issueLinks");
        }
    }

    public static class GetForm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "getForm");
        }
    }

    public static class RevokeUnitCode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "revokeUnitCode");
        }
    }

    public static class ListSnapshots implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "listSnapshots");
        }
    }

    public static class StartPulseCampaign implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "startPulseCampaign");
        }
    }

    public static class AuthorizeApiKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "authorizeApiKey");
        }
    }

    public static class NotifyFollowUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "notifyFollowUp");
        }
    }

    /** The invitations' sender, as SQS invokes it; the local queue keeps the messages for the test to deliver. */
    public static class DeliverInvitations implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.funqy.export", "deliverInvitations",
                    "symmetry.local.mail-queue.deliver", "false");
        }
    }
}
