package app.symmetry.access;

import java.util.List;

/** What {@code createApiKey} asks for: a role, and for a scopable role the units and regions it reaches. */
public record NewApiKey(Role role, List<String> units, List<String> regions, String label) {}
