package app.symmetry.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a follow-up stands: it only moves forward, and a closed one stays closed. */
public enum FollowUpStatus {
    OPEN,
    CONTACTED,
    CLOSED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FollowUpStatus> ofWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }

    /**
     * Open to contacted to closed, or open straight to closed (a customer who cannot be reached);
     * staying where it is adds a note. Nothing goes back, and nothing leaves closed: the address
     * is gone by then.
     */
    public boolean mayBecome(FollowUpStatus next) {
        return this != CLOSED && next.ordinal() >= ordinal();
    }
}
