package app.symmetry.snapshot;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusIntegrationTest;

import app.symmetry.testing.PackagedFunction;

/** {@link ListSnapshotsTest} against the packaged function (the JVM artifact; the native binary with -Dnative). */
@QuarkusIntegrationTest
@ExtendWith(PackagedFunction.class)
class ListSnapshotsIT extends ListSnapshotsTest {}
