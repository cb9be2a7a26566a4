package org.hsgcds.cards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The appointment moved to another day (the {@code reschedule} action). With a {@code start}, start and end
 * move by the same number of days in the offsets they were written in, so the time of day and the duration
 * stay as they were ({@code minutesDuration} too); an end missing beside a start is made from
 * {@code minutesDuration}, and with neither no move is offered (R4 wants start and end both or neither). A
 * {@code requestedPeriod} that no longer contains the new day is removed. With no start, the appointment is
 * checked on its requested period, so that becomes the new day to {@code until} (the window's last day).
 */
final class AppointmentMove {

    private AppointmentMove() {}

    /** @return the moved appointment, or empty when this appointment cannot be moved into a valid one */
    static Optional<ObjectNode> to(JsonNode appointment, LocalDate day, LocalDate until) {
        ObjectNode moved = appointment.deepCopy();
        String start = appointment.path("start").asText(null);
        if (start == null) {
            moved.remove("end");
            ObjectNode period = moved.putArray("requestedPeriod").addObject().put("start", day.toString());
            if (until != null && !until.isBefore(day)) {
                period.put("end", until.toString());
            }
            return Optional.of(moved);
        }
        try {
            long days = ChronoUnit.DAYS.between(localDate(start), day);
            String newStart = shifted(start, days);
            moved.put("start", newStart);
            String end = appointment.path("end").asText(null);
            if (end != null) {
                moved.put("end", shifted(end, days));
            } else if (appointment.path("minutesDuration").canConvertToInt()) {
                moved.put(
                        "end",
                        OffsetDateTime.parse(newStart)
                                .plusMinutes(appointment.path("minutesDuration").asInt())
                                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            } else {
                return Optional.empty();
            }
        } catch (DateTimeParseException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
        keepRequestedPeriodsContaining(moved, day);
        return Optional.of(moved);
    }

    /** The instant as written, its local date moved by {@code days}; time of day and offset text unchanged. */
    private static String shifted(String instant, long days) {
        return localDate(instant).plusDays(days) + instant.substring(10);
    }

    private static LocalDate localDate(String dateTime) {
        return LocalDate.parse(dateTime.substring(0, 10));
    }

    private static void keepRequestedPeriodsContaining(ObjectNode appointment, LocalDate day) {
        if (!(appointment.get("requestedPeriod") instanceof ArrayNode periods)) {
            return;
        }
        for (int i = periods.size() - 1; i >= 0; i--) {
            if (!contains(periods.get(i), day)) {
                periods.remove(i);
            }
        }
        if (periods.isEmpty()) {
            appointment.remove("requestedPeriod");
        }
    }

    /** Whether the period's days (in the local dates it was written with; an open side is unbounded) include {@code day}. */
    private static boolean contains(JsonNode period, LocalDate day) {
        try {
            String start = period.path("start").asText(null);
            String end = period.path("end").asText(null);
            return (start == null || !day.isBefore(firstDay(start))) && (end == null || !day.isAfter(lastDay(end)));
        } catch (DateTimeParseException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    private static LocalDate firstDay(String dateTime) {
        return dateTime.length() >= 10
                ? localDate(dateTime)
                : dateTime.length() == 7 ? LocalDate.parse(dateTime + "-01") : LocalDate.parse(dateTime + "-01-01");
    }

    private static LocalDate lastDay(String dateTime) {
        return dateTime.length() >= 10
                ? localDate(dateTime)
                : dateTime.length() == 7
                        ? java.time.YearMonth.parse(dateTime).atEndOfMonth()
                        : LocalDate.parse(dateTime + "-12-31");
    }
}
