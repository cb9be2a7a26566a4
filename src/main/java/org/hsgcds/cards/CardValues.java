package org.hsgcds.cards;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;
import org.hsgcds.evaluation.RuleInterval;

/**
 * The values a card's placeholders are filled with, in two forms: {@code text} for what people read
 * (summary, detail, labels: dates as "3 Nov 2026") and {@code data} for the FHIR resources and patches a
 * suggestion carries (dates as ISO 8601).
 */
final class CardValues {

    private final Map<String, String> text = new HashMap<>();
    private final Map<String, String> data = new HashMap<>();
    private final EvidenceFormatter evidence;
    private final LocalDate reference;

    /** Values whose evidence lines say how long ago a date was, counted back from {@code reference} (today). */
    CardValues(EvidenceFormatter evidence, LocalDate reference) {
        this.evidence = evidence;
        this.reference = reference;
    }

    Map<String, String> text() {
        return text;
    }

    Map<String, String> data() {
        return data;
    }

    void put(String name, String value) {
        text.put(name, value);
        data.put(name, value);
    }

    void put(String name, String forPeople, String forData) {
        text.put(name, forPeople);
        data.put(name, forData);
    }

    void putDate(String name, LocalDate date) {
        put(name, HumanDates.day(date), date.toString());
    }

    /** A CQL expression's value: dates, date intervals, lists of them, resources (as evidence lines), or plain values. */
    void putValue(String name, Object value) {
        put(name, forPeople(value), forData(value));
    }

    private String forPeople(Object value) {
        if (value == null) {
            return "not recorded";
        }
        if (value instanceof LocalDate date) {
            return HumanDates.day(date);
        }
        if (value instanceof RuleInterval interval) {
            return forPeople(interval.start()) + " to " + forPeople(interval.end());
        }
        if (value instanceof Resource resource) {
            return evidence.line(resource, reference).substring(2);
        }
        if (value instanceof Iterable<?> items) {
            List<String> parts = new ArrayList<>();
            items.forEach(item -> parts.add(forPeople(item)));
            return parts.isEmpty() ? "none" : String.join("; ", parts);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof String composed) {
            return RecordText.composed(composed);
        }
        return value.toString();
    }

    private static String forData(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof RuleInterval interval) {
            return forData(interval.start()) + "/" + forData(interval.end());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
