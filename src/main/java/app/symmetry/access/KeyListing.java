package app.symmetry.access;

import java.util.Optional;

/** A page of {@code listApiKeys}: its size and where the previous page ended. */
public record KeyListing(int limit, Optional<String> cursor) {}
