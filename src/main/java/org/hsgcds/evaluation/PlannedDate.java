package org.hsgcds.evaluation;

import java.time.LocalDate;

/**
 * The day the rules are evaluated for, and how precisely the order gave it. A dated order names its day;
 * an undated order is evaluated for today; an order dated only to a month (or year) is evaluated for the
 * first day of that span not before today, and {@code periodEnd} is the span's last day. Menstruation and
 * timing give findings only for a dated order, scheduling advice otherwise.
 */
public record PlannedDate(LocalDate date, boolean dated, LocalDate periodEnd) {

    public static PlannedDate on(LocalDate day) {
        return new PlannedDate(day, true, null);
    }

    public static PlannedDate undated(LocalDate today) {
        return new PlannedDate(today, false, null);
    }

    /** An order dated to a span of days (a month or a year): evaluated from its first day not before today. */
    public static PlannedDate within(LocalDate first, LocalDate last, LocalDate today) {
        LocalDate from = first.isBefore(today) && !last.isBefore(today) ? today : first;
        return new PlannedDate(from, false, last);
    }
}
