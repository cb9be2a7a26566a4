package org.hsgcds.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hsgcds.check.HookRequests;
import org.hsgcds.content.ContentLoader;
import org.springframework.stereotype.Component;

/**
 * The examples of {@code fhir-resources/examples/} (copied into the jar under {@code workbench/examples/}):
 * patient Bundles, to which the workbench adds a draft HSG order, and whole hook requests. A patient's
 * planned date is taken from the hook request example for the same patient, so that the patient
 * evaluates as its README row says.
 */
@Component
class ExampleLibrary {

    private static final String EXAMPLES = "classpath*:workbench/examples/*.json";

    private final Map<String, JsonNode> documents = new LinkedHashMap<>();
    private final List<Example> examples;

    ExampleLibrary(ObjectMapper json) {
        try {
            for (var file : ContentLoader.read(EXAMPLES).entrySet()) {
                documents.put(file.getKey().replaceFirst("\\.json$", ""), json.readTree(file.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the workbench examples", e);
        }
        this.examples = describe(documents);
    }

    List<Example> list() {
        return examples;
    }

    Optional<JsonNode> get(String name) {
        return Optional.ofNullable(documents.get(name)).map(JsonNode::deepCopy);
    }

    /**
     * @param kind {@code request} (a whole hook request) or {@code patient} (a Bundle)
     * @param plannedDate the draft order's date, or null when the example has none
     */
    record Example(String name, String kind, String label, String hook, String patientId, String plannedDate) {}

    private static List<Example> describe(Map<String, JsonNode> documents) {
        Map<String, String> dateByPatient = new LinkedHashMap<>();
        List<Example> requests = new ArrayList<>();
        List<Example> patients = new ArrayList<>();
        documents.forEach((name, document) -> {
            if (document.has("hook")) {
                String patientId = document.path("context").path("patientId").asText(null);
                String date = firstOrderDate(document.path("context").path("draftOrders"));
                if (patientId != null && date != null) {
                    dateByPatient.putIfAbsent(patientId, date); // a patient Bundle takes the date of its order example
                }
                if (date == null) {
                    date = firstAppointmentDay(document.path("context").path("appointments"));
                }
                String hook = document.path("hook").asText();
                requests.add(new Example(
                        name,
                        "request",
                        hook + ": " + patientName(document.path("prefetch").path("patient"), patientId),
                        hook,
                        patientId,
                        date));
            }
        });
        documents.forEach((name, document) -> {
            if ("Bundle".equals(document.path("resourceType").asText())) {
                JsonNode patient = HookRequests.resources(document).stream()
                        .filter(r -> "Patient".equals(r.path("resourceType").asText()))
                        .findFirst()
                        .orElse(null);
                String patientId = patient == null ? null : patient.path("id").asText(null);
                patients.add(new Example(
                        name, "patient", patientName(patient, name), null, patientId, dateByPatient.get(patientId)));
            }
        });
        List<Example> all = new ArrayList<>(patients);
        all.addAll(requests);
        return List.copyOf(all);
    }

    private static String firstOrderDate(JsonNode draftOrders) {
        for (JsonNode entry : draftOrders.path("entry")) {
            JsonNode order = entry.path("resource");
            if (order.hasNonNull("occurrenceDateTime")) {
                return order.get("occurrenceDateTime").asText();
            }
        }
        return null;
    }

    /** The local day of the first appointment's start, in the offset it was sent with. */
    private static String firstAppointmentDay(JsonNode appointments) {
        for (JsonNode entry : appointments.path("entry")) {
            String start = entry.path("resource").path("start").asText("");
            if (start.length() >= 10) {
                return start.substring(0, 10);
            }
        }
        return null;
    }

    private static String patientName(JsonNode patient, String fallback) {
        if (patient == null) {
            return fallback;
        }
        JsonNode name = patient.path("name").path(0);
        List<String> parts = new ArrayList<>();
        name.path("given").forEach(given -> parts.add(given.asText()));
        if (name.hasNonNull("family")) {
            parts.add(name.get("family").asText());
        }
        return parts.isEmpty() ? fallback : String.join(" ", parts);
    }
}
