package org.hsgcds.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hsgcds.cdshooks.Hook;
import org.hsgcds.content.ServiceCatalog;
import org.hsgcds.web.ApiRequestException;

/**
 * Builds the hook request the workbench sends, as an EHR would: from a patient Bundle (the prefetch
 * is filled following the services' prefetch templates: by resource type, and by code where a template
 * searches by {@code code=}; and a draft HSG order is added), or from a whole hook request (its hook is set to the chosen service's and, when a planned
 * date is given, its draft orders are moved to that date). For appointment-book the draft orders become proposed
 * Appointments ({@link AppointmentRequests}). Nothing is evaluated here.
 */
final class RequestBuilder {

    static final String DRAFT_ORDER_ID = "workbench-hsg-1";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RequestBuilder() {}

    /**
     * @param source a FHIR Bundle holding one Patient, or a CDS Hooks request
     * @param plannedDate {@code YYYY-MM-DD}, or null/blank for the source's own dates (an undated order for a Bundle)
     */
    static ObjectNode build(
            JsonNode source, ServiceCatalog services, ServiceCatalog.ServiceDefinition service, String plannedDate) {
        String date = checkedDate(plannedDate);
        if (source == null || !source.isObject()) {
            throw ApiRequestException.badRequest("source must be a FHIR Bundle or a CDS Hooks request (a JSON object)");
        }
        ObjectNode request;
        if (source.has("hook")) {
            request = ((ObjectNode) source).deepCopy();
        } else if ("Bundle".equals(source.path("resourceType").asText())) {
            request = fromBundle(source, services, service);
        } else {
            throw ApiRequestException.badRequest(
                    "source is neither a FHIR Bundle (resourceType Bundle) nor a CDS Hooks request (no hook)");
        }
        request.put("hook", service.hook().code());
        request.put("hookInstance", UUID.randomUUID().toString());
        if (!(request.get("context") instanceof ObjectNode)) {
            throw ApiRequestException.badRequest("The hook request has no context object");
        }
        ObjectNode context = (ObjectNode) request.get("context");
        if (service.hook() == Hook.APPOINTMENT_BOOK) {
            AppointmentRequests.prepare(context, draftOrders(context), date);
            return request;
        }
        if (!context.has("draftOrders") && context.has("appointments")) {
            throw ApiRequestException.badRequest(
                    "This request books appointments (context.appointments) and has no draftOrders:"
                            + " send it to the appointment-book service");
        }
        List<ObjectNode> orders = draftOrders(context);
        if (date != null) {
            for (ObjectNode order : orders) {
                order.remove(List.of("occurrencePeriod", "occurrenceTiming"));
                order.put("occurrenceDateTime", date);
            }
        }
        if (service.hook() == Hook.ORDER_SELECT) {
            if (!context.has("selections")) {
                ArrayNode selections = context.putArray("selections");
                orders.forEach(order -> selections.add(order.path("resourceType")
                                .asText() + "/" + order.path("id").asText()));
            }
        } else {
            context.remove("selections");
        }
        return request;
    }

    private static ObjectNode fromBundle(
            JsonNode bundle, ServiceCatalog services, ServiceCatalog.ServiceDefinition service) {
        List<JsonNode> resources = resources(bundle);
        JsonNode patient = resources.stream()
                .filter(r -> "Patient".equals(r.path("resourceType").asText()))
                .findFirst()
                .orElseThrow(() -> ApiRequestException.badRequest("The Bundle holds no Patient"));
        String patientId = patient.path("id").asText("");
        if (patientId.isBlank()) {
            throw ApiRequestException.badRequest("The Bundle's Patient has no id");
        }
        ObjectNode request = NODES.objectNode();
        request.put("hook", ""); // set by the caller; first, as EHRs send it
        request.put("hookInstance", "");
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/workbench");
        context.put("patientId", patientId);
        ObjectNode draftOrders = context.putObject("draftOrders");
        draftOrders.put("resourceType", "Bundle");
        draftOrders.put("type", "collection");
        draftOrders.putArray("entry").addObject().set("resource", hsgOrder(patientId));
        ObjectNode prefetch = request.putObject("prefetch");
        for (Map.Entry<String, String> key : services.prefetchOf(service).entrySet()) {
            String template = key.getValue();
            String type = template.replaceFirst("[/?].*$", "");
            if (template.startsWith(type + "/")) {
                prefetch.set(key.getKey(), patient);
            } else {
                ObjectNode searchset = prefetch.putObject(key.getKey());
                searchset.put("resourceType", "Bundle");
                searchset.put("type", "searchset");
                ArrayNode entries = searchset.putArray("entry");
                Set<String> codes = codeFilter(template);
                resources.stream()
                        .filter(r -> type.equals(r.path("resourceType").asText()))
                        .filter(r -> codes.isEmpty() || hasCode(r, codes))
                        .forEach(r -> entries.addObject().set("resource", r));
            }
        }
        return request;
    }

    /** The {@code code=} tokens of a search template ({@code system|code} or a bare code), as an EHR's search would apply them. */
    static Set<String> codeFilter(String template) {
        int query = template.indexOf('?');
        Set<String> codes = new HashSet<>();
        if (query < 0) {
            return codes;
        }
        for (String parameter : template.substring(query + 1).split("&")) {
            if (parameter.startsWith("code=")) {
                codes.addAll(Arrays.asList(parameter.substring("code=".length()).split(",")));
            }
        }
        return codes;
    }

    private static boolean hasCode(JsonNode resource, Set<String> codes) {
        for (JsonNode coding : resource.path("code").path("coding")) {
            String code = coding.path("code").asText();
            if (codes.contains(coding.path("system").asText() + "|" + code) || codes.contains(code)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode hsgOrder(String patientId) {
        ObjectNode order = NODES.objectNode();
        order.put("resourceType", "ServiceRequest");
        order.put("id", DRAFT_ORDER_ID);
        order.put("status", "draft");
        order.put("intent", "order");
        ObjectNode coding = order.putObject("code").putArray("coding").addObject();
        coding.put("system", "http://snomed.info/sct");
        coding.put("code", "168884001");
        coding.put("display", "Hysterosalpingography");
        order.putObject("subject").put("reference", "Patient/" + patientId);
        return order;
    }

    /** The resources of a Bundle's entries, in order. */
    static List<JsonNode> resources(JsonNode bundle) {
        List<JsonNode> resources = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            if (entry.path("resource").isObject()) {
                resources.add(entry.get("resource"));
            }
        }
        return resources;
    }

    static List<ObjectNode> draftOrders(ObjectNode context) {
        List<ObjectNode> orders = new ArrayList<>();
        for (JsonNode entry : context.path("draftOrders").path("entry")) {
            if (entry.path("resource") instanceof ObjectNode order && order.has("resourceType")) {
                orders.add(order);
            }
        }
        return orders;
    }

    private static String checkedDate(String plannedDate) {
        if (plannedDate == null || plannedDate.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(plannedDate.strip()).toString();
        } catch (DateTimeParseException e) {
            throw ApiRequestException.badRequest("plannedDate must be a date, YYYY-MM-DD");
        }
    }
}
