package org.hsgcds.check;

import java.time.LocalDate;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * Dates in the department's time: a FHIR dateTime or instant written with an offset ({@code Z} included) is
 * converted to the site's zone before its date is taken, so an HSG booked for 16:30 in Los Angeles and sent as
 * {@code T00:30:00Z} the next day is on its own day. Dates without a time, and times without an offset, are taken
 * as written.
 */
public final class SiteDates {

    private SiteDates() {}

    /** The calendar day of a value given at least to the day. */
    public static LocalDate localDate(BaseDateTimeType value, ZoneId zone) {
        String text = value.getValueAsString();
        if (text.length() > 10 && value.getTimeZone() != null && value.getValue() != null) {
            return value.getValue().toInstant().atZone(zone).toLocalDate();
        }
        return LocalDate.parse(text.substring(0, 10));
    }
}
