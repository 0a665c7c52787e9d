package app.symmetry.function.request;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import app.symmetry.aggregation.AggregationRequest;
import app.symmetry.aggregation.Aggregator;
import app.symmetry.error.ErrorCode;
import app.symmetry.error.SymmetryException;

/**
 * Reads what {@code aggregateSnapshots} is sent: a range to recompute ({@code {"from", "to"}}), an
 * EventBridge scheduled event (its {@code time} is the scheduled time), or anything else with no
 * time, an empty body included (a run now).
 */
public final class AggregationRequests {

    public static final List<String> RANGE_FIELDS = List.of("from", "to");
    /** The members of an EventBridge scheduled event. */
    public static final List<String> EVENT_FIELDS =
            List.of("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail");

    private AggregationRequests() {}

    public static AggregationRequest read(Map<String, ?> request) {
        if (request != null && (request.containsKey("from") || request.containsKey("to"))) {
            return range(InputFields.of(request, RANGE_FIELDS.toArray(String[]::new)));
        }
        Map<String, ?> event = request == null ? Map.of() : request;
        for (String name : event.keySet()) {
            if (!EVENT_FIELDS.contains(name)) {
                // an API client's body: its unknown member is refused with the members it may send
                InputFields.of(event, RANGE_FIELDS.toArray(String[]::new));
            }
        }
        Object time = event.get("time");
        if (time == null) {
            return new AggregationRequest.Now();
        }
        try {
            return new AggregationRequest.Scheduled(Instant.parse(String.valueOf(time)));
        } catch (DateTimeParseException e) {
            throw new SymmetryException(
                    ErrorCode.INVALID_FIELD, "time", "time must be an ISO-8601 instant such as 2026-11-23T06:00:00Z");
        }
    }

    private static AggregationRequest range(InputFields in) {
        LocalDate from = date(in, "from");
        LocalDate to = date(in, "to");
        if (to.isBefore(from)) {
            throw in.invalid("to", "to must not be before from");
        }
        if (from.plusDays(Aggregator.MAX_RANGE_DAYS).isBefore(to)) {
            throw in.invalid("to", "a range is at most " + Aggregator.MAX_RANGE_DAYS + " days");
        }
        return new AggregationRequest.Recompute(from, to);
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
