package app.symmetry.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Declares the SES emulator for every {@code @QuarkusTest}: what the application sends lands in its mailbox. */
@QuarkusTestResource(SesEmulatorResource.class)
public final class TestMail {
    private TestMail() {}
}
