package app.symmetry.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A day, an ISO week or a calendar month, named as the OpenAPI document names them: {@code DAY:2026-11-23},
 * {@code WEEK:2026-W48}, {@code MONTH:2026-11}. Weeks are not parts of months: a week that spans two
 * months is split by them into two fragments, which matters for anonymity.
 */
public record Period(PeriodType type, LocalDate start) implements Comparable<Period> {

    private static final Pattern WEEK = Pattern.compile("^(\\d{4})-W(\\d{2})$");

    public Period {
        LocalDate expected = switch (type) {
            case DAY -> start;
            case WEEK -> start.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> start.withDayOfMonth(1);
        };
        if (!expected.equals(start)) {
            throw new IllegalArgumentException(type + " does not start on " + start);
        }
    }

    public static Period containing(PeriodType type, LocalDate day) {
        return switch (type) {
            case DAY -> new Period(type, day);
            case WEEK -> new Period(type, day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            case MONTH -> new Period(type, day.withDayOfMonth(1));
        };
    }

    public LocalDate end() {
        return switch (type) {
            case DAY -> start;
            case WEEK -> start.plusDays(6);
            case MONTH -> YearMonth.from(start).atEndOfMonth();
        };
    }

    public Period previous() {
        return switch (type) {
            case DAY -> new Period(type, start.minusDays(1));
            case WEEK -> new Period(type, start.minusWeeks(1));
            case MONTH -> new Period(type, start.minusMonths(1));
        };
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end());
    }

    /** Closed once its last day is over where the unit is: no answer can join it any more. */
    public boolean closedOn(LocalDate today) {
        return end().isBefore(today);
    }

    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = start; !d.isAfter(end()); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /** The wire name. */
    public String key() {
        return type + ":" + label();
    }

    /** The name within its type: {@code 2026-11-23}, {@code 2026-W48}, {@code 2026-11}. Sorts in time order. */
    public String label() {
        return switch (type) {
            case DAY -> start.toString();
            case WEEK ->
                String.format(
                        "%04d-W%02d",
                        start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> YearMonth.from(start).toString();
        };
    }

    public static Optional<Period> parse(String key) {
        int colon = key == null ? -1 : key.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String label = key.substring(colon + 1);
        try {
            return switch (key.substring(0, colon)) {
                case "DAY" -> Optional.of(new Period(PeriodType.DAY, LocalDate.parse(label)));
                case "MONTH" ->
                    label.matches("\\d{4}-\\d{2}")
                            ? Optional.of(new Period(
                                    PeriodType.MONTH, YearMonth.parse(label).atDay(1)))
                            : Optional.empty();
                case "WEEK" -> parseWeek(label);
                default -> Optional.empty();
            };
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Period> parseWeek(String label) {
        Matcher m = WEEK.matcher(label);
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        LocalDate monday = LocalDate.of(year, 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 1)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate start = monday.plusWeeks(week - 1L);
        if (week < 1 || start.get(IsoFields.WEEK_BASED_YEAR) != year) {
            return Optional.empty();
        }
        return Optional.of(new Period(PeriodType.WEEK, start));
    }

    @Override
    public int compareTo(Period other) {
        int byType = type.compareTo(other.type);
        return byType != 0 ? byType : start.compareTo(other.start);
    }
}
