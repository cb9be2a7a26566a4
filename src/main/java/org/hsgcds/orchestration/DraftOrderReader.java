package org.hsgcds.orchestration;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hsgcds.check.HsgOrder;
import org.hsgcds.check.HsgOrders;
import org.hsgcds.check.InvalidOrderException;
import org.hsgcds.evaluation.PlannedDate;
import org.hsgcds.prefetch.FhirJsonReader;

/**
 * Finds the HSG orders among a hook call's draft orders, and their planned dates, as {@link HsgOrders} defines
 * both; here only what is particular to the hook: the Bundle, the selections, the limits.
 */
final class DraftOrderReader {

    /** One signing holds one HSG order, rarely a few; each is evaluated, so a flood of them is refused. */
    static final int MAX_HSG_ORDERS = 10;

    private final FhirContext fhirContext;
    private final HsgOrders hsg;
    private final Clock clock;

    DraftOrderReader(FhirContext fhirContext, HsgOrders hsg, Clock clock) {
        this.fhirContext = fhirContext;
        this.hsg = hsg;
        this.clock = clock;
    }

    List<HsgOrder> hsgOrders(JsonNode draftOrders, List<String> selections) {
        if (!mayHoldHsgOrder(draftOrders)) {
            checkSelectionsExist(selections, jsonReferences(draftOrders));
            return List.of();
        }
        Bundle bundle = parse(draftOrders);
        Set<String> references = new HashSet<>();
        List<HsgOrder> orders = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Resource resource = bundle.getEntry().get(i).getResource();
            if (resource == null) {
                continue;
            }
            String reference =
                    resource.fhirType() + "/" + resource.getIdElement().getIdPart();
            references.add(reference);
            if (resource instanceof ServiceRequest order
                    && hsg.isHsg(order)
                    && (selections == null || selections.contains(reference))) {
                if (!order.getIdElement().hasIdPart()) {
                    throw HookCallException.invalid("A draft HSG ServiceRequest has no id");
                }
                if (orders.size() == MAX_HSG_ORDERS) {
                    throw HookCallException.invalid("More than " + MAX_HSG_ORDERS + " HSG orders in one call");
                }
                orders.add(new HsgOrder(
                        reference, draftOrders.path("entry").path(i).path("resource"), plannedDate(order)));
            }
        }
        checkSelectionsExist(selections, references);
        return orders;
    }

    private static void checkSelectionsExist(List<String> selections, Set<String> references) {
        if (selections != null) {
            for (String selection : selections) {
                if (!references.contains(selection)) {
                    throw HookCallException.invalid(
                            "Selection '" + clip(selection) + "' is not among the draft orders");
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
                if (hsg.isHsg(
                        coding.path("system").asText(null), coding.path("code").asText(null))) {
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
            references.add(resource.path("resourceType").asText() + "/"
                    + resource.path("id").asText());
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

    /** The order's planned date; an order whose date cannot be read makes the call invalid (400). */
    private PlannedDate plannedDate(ServiceRequest order) {
        try {
            return HsgOrders.plannedDate(order, LocalDate.now(clock.withZone(hsg.zone())), hsg.zone());
        } catch (InvalidOrderException e) {
            throw HookCallException.invalid(e.getMessage());
        }
    }

    private static String clip(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }
}
