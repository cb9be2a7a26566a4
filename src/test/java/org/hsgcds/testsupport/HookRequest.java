package org.hsgcds.testsupport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hsgcds.check.HookRequests;
import org.hsgcds.check.HsgOrders;
import org.hsgcds.content.ServiceCatalog;

/**
 * The one way tests build a CDS Hooks request as an EHR sends it. The prefetch keys and their resource types come
 * from the shipped {@code fhir-resources/cds-services.json} (the keys an EHR must send: {@code requiredPrefetch} and
 * the service's own {@code additionalPrefetch}), the prefetch itself from {@link HookRequests#prefetch}, which the
 * workbench uses too, and the default draft order is {@link HsgOrders#draftOrder}. Nothing here knows a key name.
 *
 * <pre>{@code
 * ObjectNode request = HookRequest.forService("hsg-order-sign")
 *         .patient(patient)                       // a Patient resource (its id is context.patientId)
 *         .plannedDate(LocalDate.of(2026, 12, 3)) // the default HSG order's occurrenceDateTime
 *         .resources(conditionsAndObservations)   // each goes to the key whose template reads its type
 *         .build();
 * }</pre>
 */
public final class HookRequest {

    /** The EHR's FHIR base the {@code fullUrl}s of prefetch entries are written under by default. */
    public static final String EHR_FHIR_BASE = "https://ehr.example.org/fhir/";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ServiceCatalog SERVICES = readServices();

    private final ServiceCatalog.ServiceDefinition service;
    private String hookInstance = "5b2c1d1e-8f43-4b8a-9a5e-000000000001";
    private String userId = "Practitioner/dr-1";
    private String patientId = "p1";
    private JsonNode patient;
    private final List<ObjectNode> orders = new ArrayList<>();
    private boolean defaultOrder = true;
    private String orderId = "hsg-order";
    private LocalDate plannedDate;
    private List<? extends JsonNode> resources = List.of();
    private String fullUrlBase = EHR_FHIR_BASE;
    private boolean byCode;

    private HookRequest(ServiceCatalog.ServiceDefinition service) {
        this.service = service;
    }

    /** A request to the service with this id in {@code cds-services.json}; its hook is the service's. */
    public static HookRequest forService(String serviceId) {
        return new HookRequest(SERVICES.find(serviceId)
                .orElseThrow(() -> new IllegalArgumentException("No service " + serviceId + " in cds-services.json")));
    }

    /** A request to {@code hsg-order-sign}. */
    public static HookRequest orderSign() {
        return forService("hsg-order-sign");
    }

    /** The shipped service catalog, read (not compiled) from {@code fhir-resources/cds-services.json}. */
    public static ServiceCatalog services() {
        return SERVICES;
    }

    /**
     * The prefetch keys an EHR sends to this service (required first, in their order, then the service's own),
     * with the template of each.
     */
    public static Map<String, String> prefetchTemplates(String serviceId) {
        ServiceCatalog.ServiceDefinition service = SERVICES.find(serviceId).orElseThrow();
        Map<String, String> all = SERVICES.prefetchOf(service);
        Map<String, String> sent = new LinkedHashMap<>();
        SERVICES.requiredPrefetch().forEach(key -> sent.put(key, all.get(key)));
        sent.putAll(service.additionalPrefetch());
        return sent;
    }

    /** The prefetch key of the order services whose template reads this resource type (e.g. Condition). */
    public static String prefetchKey(String resourceType) {
        return prefetchTemplates("hsg-order-sign").entrySet().stream()
                .filter(key -> HookRequests.typeOf(key.getValue()).equals(resourceType))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No prefetch key reads " + resourceType));
    }

    /** The prefetch keys the order services require, in {@code requiredPrefetch} order. */
    public static List<String> requiredKeys() {
        return SERVICES.requiredPrefetch();
    }

    /** The required prefetch keys that are searches (searchset Bundles), not the patient read. */
    public static List<String> searchKeys() {
        return prefetchTemplates("hsg-order-sign").entrySet().stream()
                .filter(key -> key.getValue().contains("?"))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** A draft HSG order ({@link HsgOrders#draftOrder}) dated {@code occurrenceDateTime} = the day, or undated. */
    public static ObjectNode hsgOrder(String id, String patientId, LocalDate plannedDate) {
        ObjectNode order = HsgOrders.draftOrder(id, patientId);
        if (plannedDate != null) {
            order.put("occurrenceDateTime", plannedDate.toString());
        }
        return order;
    }

    public HookRequest hookInstance(String hookInstance) {
        this.hookInstance = hookInstance;
        return this;
    }

    public HookRequest userId(String userId) {
        this.userId = userId;
        return this;
    }

    /** The patient id of the context, the default order and the default Patient; ignored when {@link #patient} is given. */
    public HookRequest patientId(String patientId) {
        this.patientId = patientId;
        return this;
    }

    /** The Patient resource for the {@code patient} key; {@code context.patientId} is its id. */
    public HookRequest patient(JsonNode patient) {
        this.patient = patient;
        this.patientId = patient.path("id").asText();
        return this;
    }

    /** The default draft order's id ({@code hsg-order} unless set). */
    public HookRequest orderId(String orderId) {
        this.orderId = orderId;
        return this;
    }

    /** The default draft order's {@code occurrenceDateTime}; none: an undated order. */
    public HookRequest plannedDate(LocalDate plannedDate) {
        this.plannedDate = plannedDate;
        return this;
    }

    /** These draft orders instead of the default HSG order. */
    public HookRequest draftOrders(List<ObjectNode> orders) {
        this.defaultOrder = false;
        this.orders.clear();
        this.orders.addAll(orders);
        return this;
    }

    /** The patient's record: each resource goes to the prefetch key whose template reads its type; others are left out. */
    public HookRequest resources(List<? extends JsonNode> resources) {
        this.resources = resources;
        return this;
    }

    /** Prefetch entries' {@code fullUrl} = this base + {@code Type/id}; null: no {@code fullUrl}. */
    public HookRequest fullUrls(String base) {
        this.fullUrlBase = base;
        return this;
    }

    /** A search key with a {@code code=} filter holds only the resources it matches, as the EHR's search would. */
    public HookRequest filteredByCode() {
        this.byCode = true;
        return this;
    }

    /** The request: hook, hookInstance, context (userId, patientId, draftOrders), prefetch. */
    public ObjectNode build() {
        ObjectNode request = NODES.objectNode();
        request.put("hook", service.hook().code());
        request.put("hookInstance", hookInstance);
        ObjectNode context = request.putObject("context");
        context.put("userId", userId);
        context.put("patientId", patientId);
        ObjectNode bundle =
                context.putObject("draftOrders").put("resourceType", "Bundle").put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        List<ObjectNode> sent = defaultOrder ? List.of(hsgOrder(orderId, patientId, plannedDate)) : orders;
        sent.forEach(order -> entries.addObject().set("resource", order));
        request.set("prefetch", prefetch());
        return request;
    }

    /** The prefetch alone, as {@link #build} puts it in the request. */
    public ObjectNode prefetch() {
        JsonNode thePatient = patient != null ? patient : defaultPatient(patientId);
        return HookRequests.prefetch(prefetchTemplates(service.id()), thePatient, resources, byCode, fullUrlBase);
    }

    /** A female patient born 1991-03-14, Hanna Testpatient. */
    public static ObjectNode defaultPatient(String id) {
        ObjectNode patient = NODES.objectNode();
        patient.put("resourceType", "Patient")
                .put("id", id)
                .put("gender", "female")
                .put("birthDate", "1991-03-14");
        patient.putArray("name")
                .addObject()
                .put("family", "Testpatient")
                .putArray("given")
                .add("Hanna");
        return patient;
    }

    private static ServiceCatalog readServices() {
        try {
            return new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(
                            Files.readString(Path.of("fhir-resources/cds-services.json"), StandardCharsets.UTF_8),
                            ServiceCatalog.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
