package org.hsgcds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hsgcds.content.ValueSetIndex;
import org.hsgcds.evaluation.PlannedDate;
import org.hsgcds.prefetch.FhirJsonReader;

/**
 * Finds the HSG orders among the draft orders (codes in the order value set) and their planned
 * dates: occurrenceDateTime, else occurrencePeriod.start, else none (undated: evaluated for today).
 */
final class DraftOrderReader {

    /** One signing holds one HSG order, rarely a few; each is evaluated, so a flood of them is refused. */
    static final int MAX_HSG_ORDERS = 10;

    private final FhirContext fhirContext;
    private final ValueSetIndex valueSets;
    private final String orderValueSet;
    private final Clock clock;

    DraftOrderReader(FhirContext fhirContext, ValueSetIndex valueSets, String orderValueSet, Clock clock) {
        this.fhirContext = fhirContext;
        this.valueSets = valueSets;
        this.orderValueSet = orderValueSet;
        this.clock = clock;
    }

    List<DraftOrder> hsgOrders(JsonNode draftOrders, List<String> selections) {
        if (!mayHoldHsgOrder(draftOrders)) {
            checkSelectionsExist(selections, jsonReferences(draftOrders));
            return List.of();
        }
        Bundle bundle = parse(draftOrders);
        Set<String> references = new HashSet<>();
        List<DraftOrder> orders = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Resource resource = bundle.getEntry().get(i).getResource();
            if (resource == null) {
                continue;
            }
            String reference = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
            references.add(reference);
            if (resource instanceof ServiceRequest order && isHsg(order) && (selections == null || selections.contains(reference))) {
                if (!order.getIdElement().hasIdPart()) {
                    throw HookCallException.invalid("A draft HSG ServiceRequest has no id");
                }
                if (orders.size() == MAX_HSG_ORDERS) {
                    throw HookCallException.invalid("More than " + MAX_HSG_ORDERS + " HSG orders in one call");
                }
                orders.add(new DraftOrder(reference, draftOrders.path("entry").path(i).path("resource"), plannedDate(order)));
            }
        }
        checkSelectionsExist(selections, references);
        return orders;
    }

    private static void checkSelectionsExist(List<String> selections, Set<String> references) {
        if (selections != null) {
            for (String selection : selections) {
                if (!references.contains(selection)) {
                    throw HookCallException.invalid("Selection '" + clip(selection) + "' is not among the draft orders");
                }
            }
        }
    }

    /**
     * The fast path: most calls carry no HSG order, and finding that out on the JSON is much cheaper than
     * parsing the bundle with HAPI. Only a ServiceRequest coded in the HSG value set needs the full parse.
     */
    boolean mayHoldHsgOrder(JsonNode draftOrders) {
        for (JsonNode entry : draftOrders.path("entry")) {
            JsonNode resource = entry.path("resource");
            if (!"ServiceRequest".equals(resource.path("resourceType").asText())) {
                continue;
            }
            for (JsonNode coding : resource.path("code").path("coding")) {
                if (valueSets.contains(orderValueSet, coding.path("system").asText(null), coding.path("code").asText(null))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> jsonReferences(JsonNode draftOrders) {
        Set<String> references = new HashSet<>();
        for (JsonNode entry : draftOrders.path("entry")) {
            JsonNode resource = entry.path("resource");
            references.add(resource.path("resourceType").asText() + "/" + resource.path("id").asText());
        }
        return references;
    }

    private Bundle parse(JsonNode draftOrders) {
        IParser parser = FhirJsonReader.parser(fhirContext);
        try {
            return parser.parseResource(Bundle.class, draftOrders.toString());
        } catch (RuntimeException e) {
            // HAPI fails on some malformed input with NullPointerException or IllegalArgumentException too.
            throw HookCallException.invalid("'context.draftOrders' is not a valid FHIR R4 Bundle");
        }
    }

    private boolean isHsg(ServiceRequest order) {
        for (Coding coding : order.getCode().getCoding()) {
            if (valueSets.contains(orderValueSet, coding.getSystem(), coding.getCode())) {
                return true;
            }
        }
        return false;
    }

    private PlannedDate plannedDate(ServiceRequest order) {
        BaseDateTimeType when = null;
        if (order.hasOccurrenceDateTimeType()) {
            when = order.getOccurrenceDateTimeType();
        } else if (order.hasOccurrencePeriod() && order.getOccurrencePeriod().hasStart()) {
            when = order.getOccurrencePeriod().getStartElement();
        }
        LocalDate today = LocalDate.now(clock);
        if (when == null || !when.hasValue()) {
            return PlannedDate.undated(today);
        }
        // The calendar date as written by the EHR, without shifting it through a time zone.
        String text = when.getValueAsString();
        try {
            if (text.length() >= 10) {
                return PlannedDate.on(inRange(LocalDate.parse(text.substring(0, 10))));
            }
            if (text.length() == 7) {
                // A month is a valid FHIR date: the order is undated within that month.
                YearMonth month = YearMonth.parse(text);
                return PlannedDate.within(inRange(month.atDay(1)), month.atEndOfMonth(), today);
            }
            if (text.length() == 4) {
                Year year = Year.parse(text);
                return PlannedDate.within(inRange(year.atDay(1)), year.atMonth(12).atEndOfMonth(), today);
            }
        } catch (DateTimeParseException e) {
            // falls through to the error below
        }
        throw HookCallException.invalid("The HSG order's occurrence is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)");
    }

    private static LocalDate inRange(LocalDate date) {
        if (date.getYear() < 1 || date.getYear() > 9998) {
            // CQL dates cover years 1 to 9999 only (and a month's advice may run past its end).
            throw HookCallException.invalid("The HSG order's occurrence date is out of range");
        }
        return date;
    }

    private static String clip(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }
}
