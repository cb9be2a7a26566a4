package org.hsgcds.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hsgcds.check.HsgOrders;
import org.hsgcds.testsupport.HookRequest;

/**
 * One clinical scenario: patient data and a draft HSG order (given), the hook called (when), the cards expected
 * (then), written as one JSON file. <b>To add a scenario test, add a file; no Java is needed.</b>
 *
 * <h2>Writing a scenario</h2>
 * Put {@code my-case.json} in {@code src/test/resources/scenarios/} (order hooks) or
 * {@code src/test/resources/scenarios-appointment/} (appointment-book). {@code ScenarioSuiteTest} (or
 * {@code AppointmentScenarioSuiteTest}) then sends it to the running service over HTTP and checks the answer with
 * {@link ScenarioAssertions}; the same file is also run through the FHIR fallback ({@code FallbackScenarioTest}),
 * in two other site time zones ({@code ScenarioSuiteInTimeZonesTest}), with the second site's protocol and in many
 * shapes of the same data ({@code ShapeVariationTest}). For example, a serum hCG of 30 IU/L three days before the
 * planned date (positive: 25 or more) makes a critical pregnancy card and no all-clear
 * ({@code pregnancy-hcg-30-iu-l-positive.json}, shortened):
 *
 * <pre>{@code
 * {
 *   "description": "Quantitative hCG 30 IU/L 3 days before: positive, pregnancy critical",
 *   "plannedDate": "{{today+7}}",
 *   "resources": [
 *     {"resourceType": "Observation", "id": "hcg", "status": "final",
 *      "code": {"coding": [{"system": "http://loinc.org", "code": "21198-7"}]},
 *      "effectiveDateTime": "{{planned-3}}",
 *      "valueQuantity": {"value": 30, "unit": "IU/L", "system": "http://unitsofmeasure.org", "code": "[IU]/L"}}
 *   ],
 *   "expect": {"present": {"pregnancy": "critical"}, "absent": ["eligible"],
 *              "evidence": {"pregnancy": ["Observation/hcg"]}}
 * }
 * }</pre>
 *
 * <p>Run it alone with {@code ./mvnw test -Dtest=ScenarioSuiteTest} (the test's name is the file's name). A
 * scenario must say what is present, not only what is absent ({@link ScenarioAssertions#weakness}).
 *
 * <h2>Given: the fields of the file</h2>
 * <ul>
 *   <li>{@code description}: one sentence, shown when it fails.
 *   <li>{@code resources}: the patient's FHIR resources. Ids ({@code observation-1} …) and the subject
 *       ({@code Patient/p1}, {@link #PATIENT_ID}) are filled in when left out; a default Patient (female, born
 *       1991-03-14) is added unless one is given. Each resource goes to the prefetch key whose template in
 *       {@code fhir-resources/cds-services.json} reads its type ({@code org.hsgcds.testsupport.HookRequest}).
 *   <li>{@code plannedDate}: the HSG order's {@code occurrenceDateTime}; none is an undated order.
 *       {@code orderFields} sets further fields on the order (one setting an {@code occurrence[x]} replaces the
 *       date), {@code orderCode} replaces its coding, {@code extraOrders} adds draft orders.
 *   <li>{@code hook}: {@code order-sign} (default), {@code order-select} (with {@code selections}, default the HSG
 *       order) or {@code appointment-book}; {@code service} another service id.
 *   <li>{@code prefetch} replaces keys of the built prefetch (e.g. an OperationOutcome, {@code null});
 *       {@code omitPrefetch} removes keys; {@code requestOverrides} replaces top-level request fields;
 *       {@code request} replaces the whole request.
 * </ul>
 *
 * <h2>Dates</h2>
 * Dates are written as tokens relative to the test clock's today or the planned date, e.g.
 * {@code {{planned-41}}}, {@code {{today}}}, {@code {{today+7}}}, so the suite passes on any day (the service's
 * clock is pinned to the same day, {@link FixedClockConfiguration}). A {@code :human} suffix writes the date as card
 * text does ({@code 3 Nov 2026}). A {@code :month} suffix gives the month of that date
 * ({@code {{planned-10:month}}} → {@code 2026-11}), for FHIR partial dates; followed by a literal day it pins a day
 * of the month ({@code "plannedDate": "{{today+40:month}}-05"} is the 5th of the month 40 days ahead), which
 * partial-date scenarios need to know where a whole month falls relative to the planned date.
 *
 * <h2>Then: {@code expect}</h2>
 * {@code present} (topic → indicator), {@code absent} (topics), {@code noCards}, {@code status} and
 * {@code errorContains} (an error answer), {@code count}, {@code evidence}, {@code summaryContains},
 * {@code detailContains} / {@code detailNotContains} (topic → texts), {@code suggestionLabelsContain},
 * {@code noSuggestionLabelContains}, {@code overrideReasonsAbsent}, {@code indicators}, {@code actionResource}.
 * Every answer is also checked against the safety invariants (no {@code eligible} beside a critical card) and
 * CDS Hooks conformance, whatever the file expects.
 *
 * <h2>Appointments</h2>
 * With {@code "hook": "appointment-book"} the request carries {@code context.appointments} instead of draft
 * orders: one proposed HSG appointment ({@code Appointment/hsg-appt}, serviceType SNOMED CT 168884001) starting
 * at 09:00 (UTC) on the planned date for 30 minutes, or with no start when there is no {@code plannedDate};
 * {@code appointmentFields} sets further fields on it (one setting {@code start} or {@code requestedPeriod}
 * replaces the default start, end and duration), {@code appointments} replaces it with the given list, and
 * {@code extraAppointments} adds more. Resources of type ServiceRequest go to the {@code serviceRequests}
 * prefetch key, which appointment scenarios always send (unless omitted); {@code viaFhirServer} puts the data on
 * the test FHIR server instead of in prefetch.
 *
 * <h2>From Java</h2>
 * {@link #load} a file, then {@link #request()} is the hook request and {@link #resources()} the record; post it
 * with {@code org.hsgcds.testsupport.HookCalls} and check it with {@link ScenarioAssertions#assertMatches}.
 */
public final class Scenario {

    public static final String PATIENT_ID = "p1";
    public static final String APPOINTMENT_BOOK = "appointment-book";
    public static final String APPOINTMENT_ID = "hsg-appt";
    private static final java.time.format.DateTimeFormatter HUMAN =
            java.time.format.DateTimeFormatter.ofPattern("d MMM uuuu", java.util.Locale.ENGLISH);
    private static final Pattern DATE_TOKEN = Pattern.compile("\\{\\{(today|planned)([+-]\\d+)?(:month|:human)?}}");
    private static final DateTimeFormatter YEAR_MONTH = DateTimeFormatter.ofPattern("uuuu-MM", Locale.ROOT);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final JsonNode spec;
    private final LocalDate today;
    private final LocalDate planned;

    private Scenario(String name, JsonNode spec, LocalDate today) {
        this.name = name;
        this.today = today;
        String plannedText = spec.path("plannedDate").asText(null);
        this.planned = plannedText == null ? today : LocalDate.parse(resolveDates(plannedText, today, today));
        this.spec = substitute(spec.deepCopy());
    }

    public static Scenario load(Path file, LocalDate today) {
        try {
            return new Scenario(
                    file.getFileName().toString().replace(".json", ""), JSON.readTree(Files.readString(file)), today);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every scenario file of the folder, in name order, loaded for the test clock's today (a test's source). */
    public static java.util.stream.Stream<Scenario> all(Path dir) {
        return files(dir).stream().map(f -> load(f, FixedClockConfiguration.TODAY));
    }

    /**
     * Sends this scenario's request to its service over HTTP and checks the answer against {@code expect} (and the
     * invariants every answer keeps, {@link ScenarioAssertions#assertMatches}); the answer's body.
     */
    public JsonNode sendAndCheck(org.springframework.boot.resttestclient.TestRestTemplate http) {
        org.springframework.http.ResponseEntity<String> response =
                org.hsgcds.testsupport.HookCalls.post(http, serviceId(), request());
        JsonNode body = org.hsgcds.testsupport.HookCalls.read(response);
        ScenarioAssertions.assertMatches(this, response.getStatusCode().value(), body);
        return body;
    }

    public static List<Path> files(Path dir) {
        try (var stream = Files.list(dir)) {
            return stream.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public String description() {
        return spec.path("description").asText(name);
    }

    public String hook() {
        return spec.path("hook").asText("order-sign");
    }

    public String serviceId() {
        return spec.path("service").asText(hookServiceId());
    }

    /** The service of this hook in {@code cds-services.json}, whose prefetch keys the request carries. */
    private String hookServiceId() {
        return switch (hook()) {
            case "order-select" -> "hsg-order-select";
            case APPOINTMENT_BOOK -> "hsg-appointment-book";
            default -> "hsg-order-sign";
        };
    }

    public LocalDate plannedDate() {
        return planned;
    }

    public JsonNode expect() {
        return spec.path("expect");
    }

    /** The patient's resources with ids, subjects and dates filled in; a default Patient is added. */
    public List<ObjectNode> resources() {
        List<ObjectNode> resources = new ArrayList<>();
        boolean hasPatient = false;
        int n = 0;
        for (JsonNode node : spec.path("resources")) {
            ObjectNode resource = (ObjectNode) node.deepCopy();
            String type = resource.path("resourceType").asText();
            hasPatient |= "Patient".equals(type);
            if (!resource.has("id")) {
                resource.put("id", type.toLowerCase(Locale.ROOT) + "-" + (++n));
            }
            String subjectField = "AllergyIntolerance".equals(type) ? "patient" : "subject";
            if (!"Patient".equals(type) && !resource.has(subjectField)) {
                resource.putObject(subjectField).put("reference", "Patient/" + PATIENT_ID);
            }
            resources.add(resource);
        }
        if (!hasPatient) {
            ObjectNode patient = HookRequest.defaultPatient(PATIENT_ID);
            resources.add(0, patient);
        }
        return resources;
    }

    /** The hook request the EHR would send, with prefetch built from the resources unless overridden. */
    public ObjectNode request() {
        if (spec.has("request")) {
            return (ObjectNode) spec.get("request").deepCopy();
        }
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("hook", hook());
        request.put(
                "hookInstance",
                "5b2c1d1e-8f43-4b8a-9a5e-" + String.format(Locale.ROOT, "%012d", Math.abs(name.hashCode())));
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/dr-1");
        context.put("patientId", PATIENT_ID);
        ObjectNode bundle = context.putObject(isAppointmentBook() ? "appointments" : "draftOrders");
        bundle.put("resourceType", "Bundle").put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        if (isAppointmentBook()) {
            if (spec.has("appointments")) {
                spec.get("appointments").forEach(a -> entries.addObject().set("resource", a.deepCopy()));
            } else {
                entries.addObject().set("resource", hsgAppointment());
            }
            spec.path("extraAppointments").forEach(a -> entries.addObject().set("resource", a.deepCopy()));
        } else {
            entries.addObject().set("resource", hsgOrder());
        }
        for (JsonNode extra : spec.path("extraOrders")) {
            entries.addObject().set("resource", extra.deepCopy());
        }
        if ("order-select".equals(hook())) {
            ArrayNode selections = context.putArray("selections");
            if (spec.has("selections")) {
                spec.get("selections").forEach(s -> selections.add(s.asText()));
            } else {
                selections.add("ServiceRequest/hsg-order");
            }
        }
        request.set("prefetch", prefetch());
        spec.path("requestOverrides")
                .fields()
                .forEachRemaining(f -> request.set(f.getKey(), f.getValue().deepCopy()));
        return request;
    }

    /** The patient's data is on the test FHIR server, not in prefetch (appointment suite). */
    public boolean viaFhirServer() {
        return spec.path("viaFhirServer").asBoolean(false);
    }

    public boolean isAppointmentBook() {
        return APPOINTMENT_BOOK.equals(hook());
    }

    private ObjectNode hsgAppointment() {
        ObjectNode appointment = JsonNodeFactory.instance.objectNode();
        appointment.put("resourceType", "Appointment").put("id", APPOINTMENT_ID).put("status", "proposed");
        appointment
                .putArray("serviceType")
                .addObject()
                .putArray("coding")
                .addObject()
                .put("system", "http://snomed.info/sct")
                .put("code", "168884001")
                .put("display", "Hysterosalpingography");
        boolean whenGiven = spec.path("appointmentFields").has("start")
                || spec.path("appointmentFields").has("requestedPeriod");
        if (spec.has("plannedDate") && !whenGiven) {
            appointment
                    .put("start", planned + "T09:00:00Z")
                    .put("end", planned + "T09:30:00Z")
                    .put("minutesDuration", 30);
        }
        ObjectNode participant = appointment.putArray("participant").addObject();
        participant.putObject("actor").put("reference", "Patient/" + PATIENT_ID);
        participant.put("required", "required").put("status", "accepted");
        // A null field removes it (e.g. "serviceType": null for an appointment known only by basedOn).
        spec.path("appointmentFields").fields().forEachRemaining(f -> {
            if (f.getValue().isNull()) {
                appointment.remove(f.getKey());
            } else {
                appointment.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        return appointment;
    }

    private ObjectNode hsgOrder() {
        ObjectNode order = HsgOrders.draftOrder("hsg-order", PATIENT_ID);
        if (spec.has("orderCode")) {
            order.putObject("code").putArray("coding").add(spec.get("orderCode").deepCopy());
        }
        boolean occurrenceGiven = false;
        for (Iterator<String> names = spec.path("orderFields").fieldNames(); names.hasNext(); ) {
            occurrenceGiven |= names.next().startsWith("occurrence");
        }
        if (spec.has("plannedDate") && !occurrenceGiven) {
            order.put("occurrenceDateTime", planned.toString());
        }
        spec.path("orderFields")
                .fields()
                .forEachRemaining(f -> order.set(f.getKey(), f.getValue().deepCopy()));
        return order;
    }

    private ObjectNode prefetch() {
        List<ObjectNode> record = resources();
        ObjectNode patient = null;
        for (ObjectNode resource : record) {
            if ("Patient".equals(resource.path("resourceType").asText())) {
                patient = resource;
            }
        }
        ObjectNode prefetch = HookRequest.forService(hookServiceId())
                .patient(patient)
                .resources(record)
                .prefetch();
        spec.path("prefetch")
                .fields()
                .forEachRemaining(f -> prefetch.set(f.getKey(), f.getValue().deepCopy()));
        for (JsonNode omitted : spec.path("omitPrefetch")) {
            prefetch.remove(omitted.asText());
        }
        return prefetch;
    }

    private JsonNode substitute(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(substitute(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, substitute(array.get(i)));
            }
        } else if (node.isTextual()) {
            return TextNode.valueOf(resolveDates(node.asText(), today, planned));
        }
        return node;
    }

    static String resolveDates(String text, LocalDate today, LocalDate planned) {
        Matcher m = DATE_TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            LocalDate base = "today".equals(m.group(1)) ? today : planned;
            int offset = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            LocalDate date = base.plusDays(offset);
            String written = m.group(3) == null
                    ? date.toString()
                    : ":human".equals(m.group(3)) ? date.format(HUMAN) : date.format(YEAR_MONTH);
            m.appendReplacement(out, written);
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
