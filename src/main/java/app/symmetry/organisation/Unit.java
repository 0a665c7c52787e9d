package app.symmetry.organisation;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A store, agency or team: the smallest group both sides are measured for.
 * <p>
 * A {@code smoke} unit exists for the smoke test run after each deployment: it has its own snapshots,
 * but its answers never enter a region's or the organisation's figures, nor their correlations
 * ({@link Organisation#pooledUnits}). No answer can be deleted, so the smoke test must answer where
 * nobody's figures are.
 *
 * @param contactEmail where the unit hears of a customer who asked to be contacted (a follow-up), or
 *        null: follow-ups are listed on the dashboard, and no e-mail is sent
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Unit(
        String id,
        String name,
        String region,
        String timeZone,
        List<String> languages,
        boolean smoke,
        String contactEmail) {

    public Unit {
        languages = List.copyOf(languages);
        ZoneId.of(timeZone); // fail at load time, not at the first answer
    }

    public Unit(String id, String name, String region, String timeZone, List<String> languages, boolean smoke) {
        this(id, name, region, timeZone, languages, smoke, null);
    }

    /** Where the unit's follow-up e-mails go, if anywhere. */
    public Optional<String> contactAddress() {
        return Optional.ofNullable(contactEmail);
    }

    /** A unit whose answers count in its region's and the organisation's figures. */
    public Unit(String id, String name, String region, String timeZone, List<String> languages) {
        this(id, name, region, timeZone, languages, false);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public String defaultLanguage() {
        return languages.isEmpty() ? "en" : languages.get(0);
    }
}
