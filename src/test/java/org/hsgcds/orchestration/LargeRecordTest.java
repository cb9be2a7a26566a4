package org.hsgcds.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.FhirJson;
import org.hsgcds.testsupport.HsgServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A Synthea-like patient whose full record is 10 MB (thousands of vital-sign and lab Observations,
 * procedures, conditions, encounters, immunizations), built here, not hand-written. Sent with exactly the
 * prefetch the templates ask for, it gets a decision at the default body limit; sent with every
 * Observation (the templates before they were narrowed), it gets the 413 that names the setting. The
 * times are printed (no timing assertion in a unit test on a shared machine).
 */
@HsgServiceTest
class LargeRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FULL_RECORD_BYTES = 10 * 1024 * 1024;
    private static final String[][] VITALS_AND_LABS = {
        {"8302-2", "Body Height", "cm"},
        {"29463-7", "Body Weight", "kg"},
        {"39156-5", "Body mass index (BMI) [Ratio]", "kg/m2"},
        {"8462-4", "Diastolic Blood Pressure", "mm[Hg]"},
        {"8480-6", "Systolic Blood Pressure", "mm[Hg]"},
        {"8867-4", "Heart rate", "/min"},
        {"9279-1", "Respiratory rate", "/min"},
        {"72514-3", "Pain severity", "{score}"},
        {"2339-0", "Glucose", "mg/dL"},
        {"6299-2", "Urea nitrogen", "mg/dL"},
        {"38483-4", "Creatinine", "mg/dL"},
        {"49765-1", "Calcium", "mg/dL"},
        {"2947-0", "Sodium", "mmol/L"},
        {"6298-4", "Potassium", "mmol/L"},
        {"2069-3", "Chloride", "mmol/L"},
        {"20565-8", "Carbon dioxide", "mmol/L"},
        {"2093-3", "Total cholesterol", "mg/dL"},
        {"2571-8", "Triglycerides", "mg/dL"},
        {"18262-6", "LDL cholesterol", "mg/dL"},
        {"2085-9", "HDL cholesterol", "mg/dL"},
        {"6690-2", "Leukocytes", "10*3/uL"},
        {"789-8", "Erythrocytes", "10*6/uL"},
        {"718-7", "Hemoglobin", "g/dL"},
        {"4544-3", "Hematocrit", "%"},
        {"777-3", "Platelets", "10*3/uL"}
    };

    @LocalServerPort
    int port;

    @Autowired
    ContentHolder content;

    @Test
    void tenMegabyteRecordWithTheNarrowedPrefetchGetsADecisionAtTheDefaultLimit() throws Exception {
        List<ObjectNode> record = record();
        long fullBytes = record.stream().mapToLong(r -> r.toString().length()).sum();
        assertThat(fullBytes).isGreaterThanOrEqualTo(FULL_RECORD_BYTES);

        Map<String, String> templates = content.content().services().prefetch();
        ObjectNode narrowed = request(record, templates);
        String narrowedBody = narrowed.toString();
        long started = System.nanoTime();
        Answer answer = post(narrowedBody);
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        Answer again = post(narrowedBody);
        long secondMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        JsonNode cards = JSON.readTree(answer.body()).path("cards");
        assertThat(cards.findValuesAsText("code"))
                .as(answer.body())
                .contains("eligible")
                .doesNotContain("data-unavailable");

        var unnarrowed = new java.util.HashMap<>(templates);
        unnarrowed.put("observations", "Observation?patient={{context.patientId}}");
        String everyObservation = request(record, unnarrowed).toString();
        started = System.nanoTime();
        Answer refused = post(everyObservation);
        long refusedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body()).contains("hsg.security.max-body-size");

        System.out.printf(
                java.util.Locale.ROOT,
                "LargeRecordTest: full record %d resources, %.1f MB; narrowed prefetch %d resources, "
                        + "%.2f MB body: 200 in %d ms (again %d ms); every Observation (templates before narrowing) %.1f MB body: %d in %d ms%n",
                record.size(),
                fullBytes / 1048576.0,
                count(narrowed),
                narrowedBody.length() / 1048576.0,
                firstMillis,
                secondMillis,
                everyObservation.length() / 1048576.0,
                refused.status(),
                refusedMillis);
    }

    /** The hook request with each prefetch key holding what its template asks for from the record. */
    private static ObjectNode request(List<ObjectNode> record, Map<String, String> templates) {
        Scenario scenario = Scenario.load(
                Path.of("src/test/resources/scenarios/eligible-clean-record.json"), FixedClockConfiguration.TODAY);
        ObjectNode request = scenario.request();
        ObjectNode prefetch = request.putObject("prefetch");
        templates.forEach((key, template) -> {
            String path = template.contains("?") ? template.substring(0, template.indexOf('?')) : template;
            if (!template.contains("?")) {
                String type = path.substring(0, path.indexOf('/'));
                record.stream()
                        .filter(r -> type.equals(r.path("resourceType").asText()))
                        .findFirst()
                        .ifPresent(r -> prefetch.set(key, r));
                return;
            }
            Set<String> codes = Arrays.stream(
                            template.substring(template.indexOf('?') + 1).split("&"))
                    .filter(p -> p.startsWith("code="))
                    .flatMap(p -> Arrays.stream(p.substring(5).split(",")))
                    .map(c -> URLDecoder.decode(c, StandardCharsets.UTF_8))
                    .collect(Collectors.toSet());
            ObjectNode bundle =
                    prefetch.putObject(key).put("resourceType", "Bundle").put("type", "searchset");
            ArrayNode entries = JSON.createArrayNode();
            for (ObjectNode resource : record) {
                if (path.equals(resource.path("resourceType").asText())
                        && (codes.isEmpty() || coded(resource, codes))) {
                    ObjectNode entry = entries.addObject()
                            .put(
                                    "fullUrl",
                                    "https://ehr.example.org/fhir/" + path + "/"
                                            + resource.path("id").asText());
                    entry.putObject("search").put("mode", "match");
                    entry.set("resource", resource);
                }
            }
            bundle.put("total", entries.size());
            if (!entries.isEmpty()) {
                bundle.set("entry", entries);
            }
        });
        return request;
    }

    private static boolean coded(JsonNode resource, Set<String> codes) {
        for (JsonNode coding : resource.path("code").path("coding")) {
            if (codes.contains(
                    coding.path("system").asText() + "|" + coding.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private static int count(ObjectNode request) {
        int n = 0;
        for (JsonNode value : request.path("prefetch")) {
            n += value.has("entry") ? value.get("entry").size() : 1;
        }
        return n;
    }

    /** The relevant facts of the eligible scenario, buried in ten years of routine care. */
    private static List<ObjectNode> record() {
        Scenario scenario = Scenario.load(
                Path.of("src/test/resources/scenarios/eligible-clean-record.json"), FixedClockConfiguration.TODAY);
        List<ObjectNode> record = new ArrayList<>(scenario.resources());
        Random random = new Random(42);
        LocalDate start = FixedClockConfiguration.TODAY.minusYears(10);
        long bytes = record.stream().mapToLong(r -> r.toString().length()).sum();
        int n = 0;
        while (bytes < FULL_RECORD_BYTES) {
            LocalDate day = start.plusDays(random.nextInt(3650));
            String encounter = "enc-" + (n / 20);
            ObjectNode resource = switch (n % 20) {
                case 0 -> encounter(encounter, day);
                case 1 -> procedure("proc-" + n, day, encounter, random);
                case 2 ->
                    n % 200 == 2
                            ? condition("cond-" + n, day, encounter, random)
                            : immunization("imm-" + n, day, encounter);
                default ->
                    observation(
                            "obs-" + n,
                            day,
                            encounter,
                            VITALS_AND_LABS[random.nextInt(VITALS_AND_LABS.length)],
                            random);
            };
            record.add(resource);
            bytes += resource.toString().length();
            n++;
        }
        return record;
    }

    private static ObjectNode base(String type, String id, String encounter) {
        ObjectNode resource = JSON.createObjectNode().put("resourceType", type).put("id", id);
        resource.putObject("meta")
                .putArray("profile")
                .add("http://hl7.org/fhir/us/core/StructureDefinition/us-core-"
                        + type.toLowerCase(java.util.Locale.ROOT));
        resource.putObject("AllergyIntolerance".equals(type) ? "patient" : "subject")
                .put("reference", "Patient/" + Scenario.PATIENT_ID);
        if (encounter != null) {
            resource.putObject("encounter").put("reference", "Encounter/" + encounter);
        }
        return resource;
    }

    private static ObjectNode observation(String id, LocalDate day, String encounter, String[] code, Random random) {
        ObjectNode o = base("Observation", id, encounter).put("status", "final");
        o.putArray("category")
                .addObject()
                .putArray("coding")
                .addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/observation-category")
                .put("code", "vital-signs")
                .put("display", "vital-signs");
        FhirJson.concept(o, "code", "http://loinc.org", code[0], code[1]);
        o.put("effectiveDateTime", day + "T09:30:00-05:00").put("issued", day + "T09:30:00.000-05:00");
        o.putObject("valueQuantity")
                .put("value", Math.round(random.nextDouble() * 10000) / 100.0)
                .put("unit", code[2])
                .put("system", "http://unitsofmeasure.org")
                .put("code", code[2]);
        return o;
    }

    private static ObjectNode procedure(String id, LocalDate day, String encounter, Random random) {
        ObjectNode p = base("Procedure", id, encounter).put("status", "completed");
        String[][] codes = {
            {"430193006", "Medication reconciliation (procedure)"},
            {"710824005", "Assessment of health and social care needs"},
            {"428191000124101", "Documentation of current medications"},
            {"171207006", "Depression screening"}
        };
        String[] code = codes[random.nextInt(codes.length)];
        FhirJson.concept(p, "code", "http://snomed.info/sct", code[0], code[1]);
        p.putObject("performedPeriod").put("start", day + "T09:30:00-05:00").put("end", day + "T09:45:00-05:00");
        return p;
    }

    private static ObjectNode condition(String id, LocalDate day, String encounter, Random random) {
        ObjectNode c = base("Condition", id, encounter);
        c.putObject("clinicalStatus")
                .putArray("coding")
                .addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical")
                .put("code", "resolved");
        c.putObject("verificationStatus")
                .putArray("coding")
                .addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-ver-status")
                .put("code", "confirmed");
        String[][] codes = {
            {"444814009", "Viral sinusitis (disorder)"},
            {"10509002", "Acute bronchitis (disorder)"},
            {"195662009", "Acute viral pharyngitis (disorder)"},
            {"162864005", "Body mass index 30+ - obesity (finding)"}
        };
        String[] code = codes[random.nextInt(codes.length)];
        c.putObject("code")
                .putArray("coding")
                .addObject()
                .put("system", "http://snomed.info/sct")
                .put("code", code[0])
                .put("display", code[1]);
        c.put("onsetDateTime", day + "T09:30:00-05:00")
                .put("abatementDateTime", day.plusDays(14) + "T09:30:00-05:00")
                .put("recordedDate", day + "T09:30:00-05:00");
        return c;
    }

    private static ObjectNode immunization(String id, LocalDate day, String encounter) {
        ObjectNode i = base("Immunization", id, encounter).put("status", "completed");
        i.remove("subject");
        i.putObject("patient").put("reference", "Patient/" + Scenario.PATIENT_ID);
        i.putObject("vaccineCode")
                .putArray("coding")
                .addObject()
                .put("system", "http://hl7.org/fhir/sid/cvx")
                .put("code", "140")
                .put("display", "Influenza, seasonal, injectable, preservative free");
        i.put("occurrenceDateTime", day + "T09:30:00-05:00").put("primarySource", true);
        return i;
    }

    private static ObjectNode encounter(String id, LocalDate day) {
        ObjectNode e = base("Encounter", id, null).put("status", "finished");
        e.putObject("class")
                .put("system", "http://terminology.hl7.org/CodeSystem/v3-ActCode")
                .put("code", "AMB");
        e.putArray("type")
                .addObject()
                .putArray("coding")
                .addObject()
                .put("system", "http://snomed.info/sct")
                .put("code", "185349003")
                .put("display", "Encounter for check up (procedure)");
        e.putObject("period").put("start", day + "T09:00:00-05:00").put("end", day + "T10:00:00-05:00");
        return e;
    }

    /** An ordinary client: the whole body is written before the answer is read (so the server must read past the limit). */
    private Answer post(String body) throws Exception {
        var response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/cds-services/hsg-order-sign"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private record Answer(int status, String body) {}
}
