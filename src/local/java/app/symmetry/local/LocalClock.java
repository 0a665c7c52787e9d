package app.symmetry.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;

/**
 * The local run's clock: the present, or from {@code SYMMETRY_LOCAL_CLOCK} (an ISO-8601 instant such as
 * {@code 2026-10-10T12:00:00Z}) on, ticking from there. A demo or an acceptance check can so place
 * answers in a past month, stop, and start again at the present on the same data to see that month
 * closed. Replaces {@code ClockProducer}'s default everywhere in the local run (answers, links,
 * aggregation); the Lambda never has it.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class LocalClock {

    @ConfigProperty(name = "symmetry.local.clock")
    Optional<String> start;

    @Produces
    @Singleton
    Clock clock() {
        Optional<Instant> at = startsAt();
        return at.isEmpty()
                ? Clock.systemUTC()
                : Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), at.get()));
    }

    /** The configured start, if any. */
    Optional<Instant> startsAt() {
        if (start.isEmpty() || start.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(start.get().trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "SYMMETRY_LOCAL_CLOCK must be an ISO-8601 instant such as 2026-10-10T12:00:00Z, not '" + start.get()
                            + "'",
                    e);
        }
    }
}
