package org.hsgcds.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.hsgcds.cdshooks.Hook;
import org.hsgcds.cdshooks.HookContext;
import org.hsgcds.content.ServiceCatalog.ServiceDefinition;

/** Checks the fields the spec requires for order-sign, order-select and appointment-book before anything is evaluated. */
final class HookRequestValidator {

    static final int MAX_ID_LENGTH = 256;

    /** The call's context, typed, once every field the hook requires is there and well-formed. */
    HookContext validate(ServiceDefinition service, CdsServiceRequest request) {
        if (request == null) {
            throw HookCallException.invalid("The request body is empty");
        }
        requireText(request.hook(), "hook");
        if (!service.hook().code().equals(request.hook())) {
            throw HookCallException.invalid("Service " + service.id() + " answers hook '" + service.hook() + "', not '"
                    + clip(request.hook()) + "'");
        }
        requireText(request.hookInstance(), "hookInstance");
        if (request.extension() != null && !request.extension().isObject()) {
            throw HookCallException.invalid("'extension' must be a JSON object");
        }
        JsonNode context = request.context();
        if (context == null || !context.isObject()) {
            throw HookCallException.invalid("'context' is required and must be an object");
        }
        if (context.has("extension") && !context.get("extension").isObject()) {
            throw HookCallException.invalid("'context.extension' must be a JSON object");
        }
        JsonNode patientId = context.get("patientId");
        if (patientId == null || !patientId.isTextual() || patientId.asText().isBlank()) {
            throw HookCallException.invalid("'context.patientId' is required and must be a string");
        }
        if (!patientId.asText().matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw HookCallException.invalid("'context.patientId' is not a valid FHIR id");
        }
        String bundleField = service.hook() == Hook.APPOINTMENT_BOOK ? "appointments" : "draftOrders";
        JsonNode bundle = context.get(bundleField);
        if (bundle == null
                || !bundle.isObject()
                || !"Bundle".equals(bundle.path("resourceType").asText())) {
            throw HookCallException.invalid("'context." + bundleField + "' is required and must be a FHIR Bundle");
        }
        List<String> selections = service.hook() == Hook.ORDER_SELECT ? selections(context) : null;
        if (request.fhirAuthorization() != null) {
            requireText(request.fhirAuthorization().access_token(), "fhirAuthorization.access_token");
            if (!"Bearer".equalsIgnoreCase(request.fhirAuthorization().token_type())) {
                throw HookCallException.invalid("'fhirAuthorization.token_type' must be 'Bearer'");
            }
        }
        return service.hook() == Hook.APPOINTMENT_BOOK
                ? new HookContext(service.hook(), patientId.asText(), null, null, bundle)
                : new HookContext(service.hook(), patientId.asText(), selections, bundle, null);
    }

    /** The references the clinician selected (order-select), e.g. "ServiceRequest/123". */
    private static List<String> selections(JsonNode context) {
        JsonNode selections = context.get("selections");
        if (selections == null || !selections.isArray() || selections.isEmpty()) {
            throw HookCallException.invalid(
                    "'context.selections' is required for order-select and must be a non-empty array");
        }
        List<String> references = new ArrayList<>();
        for (JsonNode selection : selections) {
            if (!selection.isTextual() || selection.asText().isBlank()) {
                throw HookCallException.invalid(
                        "'context.selections' must hold references such as 'ServiceRequest/123'");
            }
            references.add(selection.asText());
        }
        return references;
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw HookCallException.invalid("'" + field + "' is required");
        }
        if (value.length() > 4096) {
            throw HookCallException.invalid("'" + field + "' is too long");
        }
    }

    private static String clip(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
