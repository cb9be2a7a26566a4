package org.hsgcds.cards;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Dates as card text shows them to people ("3 Nov 2026", "Nov 2026", "2026"), never as timestamps. */
final class HumanDates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM uuuu", Locale.ENGLISH);

    private HumanDates() {}

    static String day(LocalDate date) {
        return date.format(DAY);
    }

    static String month(YearMonth month) {
        return month.format(MONTH);
    }

    /** A FHIR date or dateTime as written (no time-zone shift): to the day, month or year it was given to. */
    static String fhir(String text) {
        if (text == null || text.isBlank()) {
            return "?";
        }
        try {
            if (text.length() >= 10) {
                return day(LocalDate.parse(text.substring(0, 10)));
            }
            if (text.length() == 7) {
                return month(YearMonth.parse(text));
            }
        } catch (DateTimeParseException e) {
            return text;
        }
        return text;
    }

    /** The first day a FHIR date or dateTime may mean, or null when it cannot be read. */
    static LocalDate firstDay(String text) {
        try {
            if (text != null && text.length() >= 10) {
                return LocalDate.parse(text.substring(0, 10));
            }
            if (text != null && text.length() == 7) {
                return YearMonth.parse(text).atDay(1);
            }
            if (text != null && text.length() == 4) {
                return LocalDate.of(Integer.parseInt(text), 1, 1);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** How long before {@code reference} a day was, in the largest whole unit: "15 years ago", "3 months ago", "12 days ago". */
    static String ago(LocalDate date, LocalDate reference) {
        if (date.isAfter(reference)) {
            return "after " + day(reference);
        }
        Period gap = Period.between(date, reference);
        if (gap.getYears() > 0) {
            return plural(gap.getYears(), "year") + " ago";
        }
        if (gap.getMonths() > 0) {
            return plural(gap.getMonths(), "month") + " ago";
        }
        return gap.getDays() == 0 ? "today" : plural(gap.getDays(), "day") + " ago";
    }

    private static String plural(int n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
