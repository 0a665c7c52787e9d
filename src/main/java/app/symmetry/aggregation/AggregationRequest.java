package app.symmetry.aggregation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.symmetry.api.InputFields;

/**
 * What {@code aggregateSnapshots} is asked: a range to recompute ({@code {"from", "to"}}), or a
 * scheduled run, from an EventBridge scheduled event (its {@code time} is the scheduled time) or an
 * empty request (now).
 */
public record AggregationRequest(Optional<LocalDate> from, Optional<LocalDate> to, Optional<Instant> scheduledTime) {

    public static final List<String> RANGE_FIELDS = List.of("from", "to");
    /** The members of an EventBridge scheduled event. */
    public static final List<String> EVENT_FIELDS = List.of("version", "id", "detail-type", "source", "account", "time",
            "region", "resources", "detail");

    public static AggregationRequest read(Map<String, ?> request) {
        if (request != null && (request.containsKey("from") || request.containsKey("to"))) {
            InputFields in = InputFields.of(request, RANGE_FIELDS.toArray(String[]::new));
            LocalDate from = date(in, "from");
            LocalDate to = date(in, "to");
            if (to.isBefore(from)) {
                throw in.invalid("to", "to must not be before from");
            }
            if (from.plusDays(Aggregator.MAX_RANGE_DAYS).isBefore(to)) {
                throw in.invalid("to", "a range is at most " + Aggregator.MAX_RANGE_DAYS + " days");
            }
            return new AggregationRequest(Optional.of(from), Optional.of(to), Optional.empty());
        }
        Map<String, ?> event = request == null ? Map.of() : request;
        for (String name : event.keySet()) {
            if (!EVENT_FIELDS.contains(name)) {
                InputFields.of(event, "from", "to"); // refuses the unknown member with its name
            }
        }
        Object time = event.get("time");
        if (time == null) {
            return new AggregationRequest(Optional.empty(), Optional.empty(), Optional.empty());
        }
        try {
            return new AggregationRequest(Optional.empty(), Optional.empty(), Optional.of(Instant.parse(String.valueOf(time))));
        } catch (DateTimeParseException e) {
            throw new app.symmetry.error.SymmetryException(app.symmetry.error.ErrorCode.INVALID_FIELD, "time",
                    "time must be an ISO-8601 instant such as 2026-11-23T06:00:00Z");
        }
    }

    private static LocalDate date(InputFields in, String name) {
        String text = in.requiredString(name, 10);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw in.invalid(name, name + " must be a date such as 2026-11-01");
        }
    }
}
