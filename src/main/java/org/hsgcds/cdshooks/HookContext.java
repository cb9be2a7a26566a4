package org.hsgcds.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A hook call's {@code context} once checked: the hook, the patient, and the FHIR Bundle the hook is about
 * ({@code draftOrders} for order-sign and order-select, {@code appointments} for appointment-book; the other is null).
 * {@code selections} holds the references order-select names, and is null for the other hooks (every order counts).
 */
public record HookContext(
        Hook hook, String patientId, List<String> selections, JsonNode draftOrders, JsonNode appointments) {

    public HookContext {
        selections = selections == null ? null : List.copyOf(selections);
    }
}
