package app.symmetry.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a key may do. The roles are split so that nobody who reads a unit's figures also issues the
 * pulse credentials that feed them (README, "Who may do what"):
 * <ul>
 * <li>{@code admin}: the organisation, keys, codes, recomputes (and everything below);</li>
 * <li>{@code hr}: pulse campaigns and their credentials (pulse unit codes, pulse links), nothing else;</li>
 * <li>{@code viewer}: snapshots and the unit list, optionally within a scope;</li>
 * <li>{@code service}: what a machine client needs: reading snapshots and the unit list.</li>
 * </ul>
 */
public enum Role {
    ADMIN,
    HR,
    VIEWER,
    SERVICE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> ofWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
    }

    /** Only readers are given a scope; an admin's reach is the organisation by definition. */
    public boolean scopable() {
        return this != ADMIN;
    }
}
