package app.symmetry.organisation;

import java.time.ZoneId;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A store, agency or team: the smallest group both sides are measured for. */
@RegisterForReflection
public record Unit(String id, String name, String region, String timeZone, List<String> languages) {

    public Unit {
        languages = List.copyOf(languages);
        ZoneId.of(timeZone); // fail at load time, not at the first answer
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public String defaultLanguage() {
        return languages.isEmpty() ? "en" : languages.get(0);
    }
}
