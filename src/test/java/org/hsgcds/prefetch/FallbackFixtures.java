package org.hsgcds.prefetch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;

/** Patients for the fallback tests, written as scenarios so requests and prefetch are built the usual way. */
final class FallbackFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FallbackFixtures() {}

    /** Cycle day 9, nothing else on record: the all-clear when everything can be read. */
    static Scenario cleanRecord() {
        ObjectNode spec = spec("clean-record");
        spec.withArray("resources").add(lmp());
        return load(spec);
    }

    /** An active pregnancy condition beside a normal LMP. */
    static Scenario pregnant() {
        ObjectNode spec = spec("pregnant");
        ArrayNode resources = spec.withArray("resources");
        resources.add(lmp());
        ObjectNode condition =
                resources.addObject().put("resourceType", "Condition").put("id", "preg");
        coding(
                condition.putObject("clinicalStatus"),
                "http://terminology.hl7.org/CodeSystem/condition-clinical",
                "active");
        coding(
                condition.putObject("verificationStatus"),
                "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                "confirmed");
        coding(condition.putObject("code"), "http://snomed.info/sct", "77386006");
        condition.put("onsetDateTime", "{{planned-10}}");
        return load(spec);
    }

    /**
     * Two conditions that do not contraindicate, then an active pregnancy: a server paging two at a time has the
     * pregnancy on page 2.
     */
    static Scenario pregnantOnPageTwo() {
        ObjectNode spec = spec("pregnant-page-2");
        ArrayNode resources = spec.withArray("resources");
        resources.add(lmp());
        for (String id : List.of("rhinitis-1", "rhinitis-2")) {
            ObjectNode condition =
                    resources.addObject().put("resourceType", "Condition").put("id", id);
            coding(
                    condition.putObject("clinicalStatus"),
                    "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "active");
            coding(condition.putObject("code"), "http://snomed.info/sct", "367498001");
        }
        ObjectNode condition =
                resources.addObject().put("resourceType", "Condition").put("id", "preg");
        coding(
                condition.putObject("clinicalStatus"),
                "http://terminology.hl7.org/CodeSystem/condition-clinical",
                "active");
        coding(condition.putObject("code"), "http://snomed.info/sct", "77386006");
        condition.put("onsetDateTime", "{{planned-10}}");
        return load(spec);
    }

    /** Twelve observations: the server pages them 5, 5, 2, and the positive hCG is on the last page. */
    static Scenario positiveHcgOnPageThree() {
        ObjectNode spec = spec("positive-hcg-page-3");
        ArrayNode resources = spec.withArray("resources");
        resources.add(lmp());
        // Earlier cycles' LMPs fill the first pages: coded as the narrowed prefetch asks, but never the latest.
        for (int i = 1; i <= 10; i++) {
            String date = "{{planned-" + (8 + 28 * i) + "}}";
            resources.add(observation("lmp-" + i, "8665-2")
                    .put("effectiveDateTime", date)
                    .put("valueDateTime", date));
        }
        ObjectNode hcg = observation("hcg", "2106-3");
        coding(hcg.putObject("valueCodeableConcept"), "http://snomed.info/sct", "10828004");
        resources.add(hcg);
        return load(spec);
    }

    /** The request with prefetch removed, pointing at {@code fhirServer} with a bearer token. */
    static ObjectNode withoutPrefetch(ObjectNode request, String fhirServer, String token) {
        request.remove("prefetch");
        request.put("fhirServer", fhirServer);
        request.putObject("fhirAuthorization")
                .put("access_token", token)
                .put("token_type", "Bearer")
                .put("expires_in", 300)
                .put("scope", "patient/*.read")
                .put("subject", "hsg-cds");
        return request;
    }

    private static ObjectNode spec(String name) {
        ObjectNode spec = JSON.createObjectNode().put("description", name).put("plannedDate", "{{today+7}}");
        spec.putArray("resources");
        return spec;
    }

    private static ObjectNode lmp() {
        return observation("lmp", "8665-2").put("valueDateTime", "{{planned-8}}");
    }

    private static ObjectNode observation(String id, String loinc) {
        ObjectNode observation = JSON.createObjectNode()
                .put("resourceType", "Observation")
                .put("id", id)
                .put("status", "final");
        coding(observation.putObject("code"), "http://loinc.org", loinc);
        return observation.put("effectiveDateTime", "{{today}}");
    }

    private static void coding(ObjectNode concept, String system, String code) {
        concept.putArray("coding").addObject().put("system", system).put("code", code);
    }

    private static Scenario load(ObjectNode spec) {
        try {
            Path file = Files.createTempDirectory("fallback-fixture")
                    .resolve(spec.path("description").asText() + ".json");
            Files.writeString(file, spec.toString());
            return Scenario.load(file, FixedClockConfiguration.TODAY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
