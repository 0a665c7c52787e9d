package app.symmetry.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application's SES client at the test run's emulator ({@link SesEmulator#shared()}), for
 * every {@code @QuarkusTest} and for the packaged artifact of a {@code @QuarkusIntegrationTest} alike,
 * through {@link FaultySes}: passed through unless a test makes SES throttle or fail.
 */
public class SesEmulatorResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("symmetry.mail.endpoint-override", FaultySes.endpoint());
    }

    @Override
    public void stop() {
        // kept for the next profile's restart; the shutdown hook ends it with the JVM
    }
}
