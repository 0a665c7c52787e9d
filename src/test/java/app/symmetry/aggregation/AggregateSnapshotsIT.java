package app.symmetry.aggregation;

import org.junit.jupiter.api.extension.ExtendWith;

import io.quarkus.test.junit.QuarkusIntegrationTest;

import app.symmetry.testing.PackagedFunction;

/** {@link AggregateSnapshotsTest} against the packaged function (the JVM artifact; the native binary with -Dnative). */
@QuarkusIntegrationTest
@ExtendWith(PackagedFunction.class)
class AggregateSnapshotsIT extends AggregateSnapshotsTest {}
