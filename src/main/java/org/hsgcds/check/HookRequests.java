package org.hsgcds.check;

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

/**
 * Builds a hook request as an EHR would send it, for the workbench and the test kit alike: from a patient Bundle
 * (the prefetch is filled following the services' prefetch templates of {@code cds-services.json}: by resource type,
 * and by code where a template searches by {@code code=}; and a draft HSG order ({@link HsgOrders#draftOrder}) is
 * added), or from a whole hook request (its hook is set to the chosen service's and, when a planned date is given, its
 * draft orders are moved to that date). For appointment-book the draft orders become proposed Appointments
 * ({@link AppointmentRequests}). Nothing is evaluated here. A source that cannot become a request throws
 * {@link UnusableSourceException}, whose message says why (the workbench answers it with a 400).
 */
public final class HookRequests {

    /** The id of the draft order added to a request built from a patient Bundle. */
    public static final String DRAFT_ORDER_ID = "workbench-hsg-1";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The source (a Bundle or a hook request) cannot be made into a hook request; the message says why. */
    public static final class UnusableSourceException extends RuntimeException {
        UnusableSourceException(String message) {
            super(message);
        }
    }

    private HookRequests() {}

    /**
     * @param source a FHIR Bundle holding one Patient, or a CDS Hooks request
     * @param plannedDate {@code YYYY-MM-DD}, or null/blank for the source's own dates (an undated order for a Bundle)
     */
    public static ObjectNode build(
            JsonNode source, ServiceCatalog services, ServiceCatalog.ServiceDefinition service, String plannedDate) {
        String date = checkedDate(plannedDate);
        if (source == null || !source.isObject()) {
            throw new UnusableSourceException("source must be a FHIR Bundle or a CDS Hooks request (a JSON object)");
        }
        ObjectNode request;
        if (source.has("hook")) {
            request = ((ObjectNode) source).deepCopy();
        } else if ("Bundle".equals(source.path("resourceType").asText())) {
            request = fromBundle(source, services, service);
        } else {
            throw new UnusableSourceException(
                    "source is neither a FHIR Bundle (resourceType Bundle) nor a CDS Hooks request (no hook)");
        }
        request.put("hook", service.hook().code());
        request.put("hookInstance", UUID.randomUUID().toString());
        if (!(request.get("context") instanceof ObjectNode)) {
            throw new UnusableSourceException("The hook request has no context object");
        }
        ObjectNode context = (ObjectNode) request.get("context");
        if (service.hook() == Hook.APPOINTMENT_BOOK) {
            AppointmentRequests.prepare(context, draftOrders(context), date);
            return request;
        }
        if (!context.has("draftOrders") && context.has("appointments")) {
            throw new UnusableSourceException(
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
                .orElseThrow(() -> new UnusableSourceException("The Bundle holds no Patient"));
        String patientId = patient.path("id").asText("");
        if (patientId.isBlank()) {
            throw new UnusableSourceException("The Bundle's Patient has no id");
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
        draftOrders.putArray("entry").addObject().set("resource", HsgOrders.draftOrder(DRAFT_ORDER_ID, patientId));
        request.set("prefetch", prefetch(services.prefetchOf(service), patient, resources, true, null));
        return request;
    }

    /**
     * The prefetch an EHR would send for these templates: a {@code Type/{{context.patientId}}} key gets the
     * patient, a search key ({@code Type?...}) a searchset Bundle of the resources of its type; with
     * {@code byCode}, only those a {@code code=} filter of the template matches, as the EHR's search would.
     *
     * @param fullUrlBase when not null, each searchset entry gets {@code fullUrl} = this + {@code Type/id}
     */
    public static ObjectNode prefetch(
            Map<String, String> templates,
            JsonNode patient,
            List<? extends JsonNode> resources,
            boolean byCode,
            String fullUrlBase) {
        ObjectNode prefetch = NODES.objectNode();
        for (Map.Entry<String, String> key : templates.entrySet()) {
            String template = key.getValue();
            String type = typeOf(template);
            if (template.startsWith(type + "/")) {
                prefetch.set(key.getKey(), patient);
            } else {
                ObjectNode searchset = prefetch.putObject(key.getKey());
                searchset.put("resourceType", "Bundle");
                searchset.put("type", "searchset");
                ArrayNode entries = searchset.putArray("entry");
                Set<String> codes = byCode ? codeFilter(template) : Set.of();
                for (JsonNode resource : resources) {
                    if (type.equals(resource.path("resourceType").asText())
                            && (codes.isEmpty() || hasCode(resource, codes))) {
                        ObjectNode entry = entries.addObject();
                        if (fullUrlBase != null) {
                            entry.put(
                                    "fullUrl",
                                    fullUrlBase + type + "/"
                                            + resource.path("id").asText());
                        }
                        entry.set("resource", resource);
                    }
                }
            }
        }
        return prefetch;
    }

    /** The resource type a prefetch template reads ({@code Observation?patient=...} → {@code Observation}). */
    public static String typeOf(String template) {
        return template.replaceFirst("[/?].*$", "");
    }

    /** The {@code code=} tokens of a search template ({@code system|code} or a bare code), as an EHR's search would apply them. */
    public static Set<String> codeFilter(String template) {
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

    /** The resources of a Bundle's entries, in order. */
    public static List<JsonNode> resources(JsonNode bundle) {
        List<JsonNode> resources = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            if (entry.path("resource").isObject()) {
                resources.add(entry.get("resource"));
            }
        }
        return resources;
    }

    public static List<ObjectNode> draftOrders(ObjectNode context) {
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
            throw new UnusableSourceException("plannedDate must be a date, YYYY-MM-DD");
        }
    }
}
