package app.symmetry.audit;

import java.time.YearMonth;
import java.util.Optional;

/** A page of {@code listAuditLog}: the month, its size, and where the previous page ended. */
public record AuditListing(YearMonth month, int limit, Optional<String> cursor) {}
