package app.symmetry.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the application's SES client at the test run's emulator ({@link SesEmulator#shared()}), for
 * every {@code @QuarkusTest} and for the packaged artifact of a {@code @QuarkusIntegrationTest} alike.
 */
public class SesEmulatorResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("symmetry.mail.endpoint-override", SesEmulator.shared().endpoint());
    }

    @Override
    public void stop() {
        // kept for the next profile's restart; the shutdown hook ends it with the JVM
    }
}
