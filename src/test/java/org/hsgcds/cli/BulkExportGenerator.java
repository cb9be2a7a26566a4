package org.hsgcds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes a synthetic Bulk Data export (one NDJSON file per type) whose answers are known: every
 * patient has a prepared record (LMP on cycle day 9, negative hCG, normal discharge check,
 * infertility) except the "no record" group, and one contraindication on top by group.
 */
final class BulkExportGenerator {

    enum Group {
        PREGNANT("pregnancy"),
        CONTRAST_ALLERGY("contrast-allergy"),
        RECENT_DELIVERY("recent-uterine-event"),
        NO_RECORD(null),
        READY("eligible");

        final String topic;

        Group(String topic) {
            this.topic = topic;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Group of patient i: 15% pregnant, 10% contrast allergy, 10% recent delivery, 5% no record, 60% ready. */
    static Group group(int i) {
        int slot = i % 20;
        return slot < 3
                ? Group.PREGNANT
                : slot < 5
                        ? Group.CONTRAST_ALLERGY
                        : slot < 7 ? Group.RECENT_DELIVERY : slot < 8 ? Group.NO_RECORD : Group.READY;
    }

    /** Writes the export and returns how many patients are in each group. */
    static Map<Group, Integer> write(Path dir, int patients, LocalDate planned) throws IOException {
        Map<Group, Integer> truth = new EnumMap<>(Group.class);
        try (BufferedWriter patientOut = writer(dir, "Patient.ndjson");
                BufferedWriter observations = writer(dir, "Observation.ndjson");
                BufferedWriter conditions = writer(dir, "Condition.ndjson");
                BufferedWriter allergies = writer(dir, "AllergyIntolerance.ndjson");
                BufferedWriter procedures = writer(dir, "Procedure.ndjson");
                BufferedWriter encounters = writer(dir, "Encounter.ndjson")) {
            for (int i = 0; i < patients; i++) {
                String id = "p" + i;
                Group group = group(i);
                truth.merge(group, 1, Integer::sum);
                ObjectNode patient = resource("Patient", id);
                patient.put("gender", "female").put("birthDate", "1990-01-01");
                patient.putArray("name").addObject().put("family", "Synthetic" + i);
                line(patientOut, patient);
                line(encounters, subject(resource("Encounter", id + "-enc"), id).put("status", "finished"));
                if (group == Group.NO_RECORD) {
                    continue;
                }
                ObjectNode lmp = coded(resource("Observation", id + "-lmp"), "http://loinc.org", "8665-2", id)
                        .put("status", "final");
                lmp.put("effectiveDateTime", planned.minusDays(7).toString())
                        .put("valueDateTime", planned.minusDays(8).toString());
                line(observations, lmp);
                ObjectNode hcg = coded(resource("Observation", id + "-hcg"), "http://loinc.org", "2106-3", id)
                        .put("status", "final");
                hcg.put("effectiveDateTime", planned.minusDays(2).toString());
                hcg.putObject("valueCodeableConcept")
                        .putArray("coding")
                        .addObject()
                        .put("system", "http://snomed.info/sct")
                        .put("code", "260385009");
                line(observations, hcg);
                ObjectNode discharge = coded(
                                resource("Observation", id + "-dc"), "http://snomed.info/sct", "271939006", id)
                        .put("status", "final");
                discharge.put("effectiveDateTime", planned.minusDays(3).toString());
                discharge
                        .putObject("valueCodeableConcept")
                        .putArray("coding")
                        .addObject()
                        .put("system", "http://snomed.info/sct")
                        .put("code", "17621005");
                line(observations, discharge);
                line(conditions, condition(id + "-inf", "6738008", id, "2025-09-01"));
                switch (group) {
                    case PREGNANT ->
                        line(
                                conditions,
                                condition(
                                        id + "-preg",
                                        "77386006",
                                        id,
                                        planned.minusDays(30).toString()));
                    case CONTRAST_ALLERGY -> {
                        ObjectNode allergy = coded(
                                resource("AllergyIntolerance", id + "-cm"),
                                "http://snomed.info/sct",
                                "293637006",
                                null);
                        status(
                                allergy,
                                "clinicalStatus",
                                "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                                "active");
                        allergy.putObject("patient").put("reference", "Patient/" + id);
                        line(allergies, allergy);
                    }
                    case RECENT_DELIVERY -> {
                        ObjectNode delivery =
                                coded(resource("Procedure", id + "-del"), "http://snomed.info/sct", "236973005", id);
                        delivery.put("status", "completed")
                                .put("performedDateTime", planned.minusDays(20).toString());
                        line(procedures, delivery);
                    }
                    default -> {}
                }
            }
        }
        return truth;
    }

    private static ObjectNode condition(String id, String snomed, String patientId, String onset) {
        ObjectNode condition = coded(resource("Condition", id), "http://snomed.info/sct", snomed, patientId);
        status(condition, "clinicalStatus", "http://terminology.hl7.org/CodeSystem/condition-clinical", "active");
        status(
                condition,
                "verificationStatus",
                "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                "confirmed");
        condition.put("onsetDateTime", onset);
        return condition;
    }

    private static ObjectNode resource(String type, String id) {
        return JSON.createObjectNode().put("resourceType", type).put("id", id);
    }

    private static ObjectNode coded(ObjectNode resource, String system, String code, String patientId) {
        resource.putObject("code")
                .putArray("coding")
                .addObject()
                .put("system", system)
                .put("code", code);
        return patientId == null ? resource : subject(resource, patientId);
    }

    private static ObjectNode subject(ObjectNode resource, String patientId) {
        resource.putObject("subject").put("reference", "Patient/" + patientId);
        return resource;
    }

    private static void status(ObjectNode resource, String field, String system, String code) {
        resource.putObject(field)
                .putArray("coding")
                .addObject()
                .put("system", system)
                .put("code", code);
    }

    private static BufferedWriter writer(Path dir, String name) throws IOException {
        return Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8);
    }

    private static void line(BufferedWriter writer, ObjectNode resource) throws IOException {
        writer.write(resource.toString());
        writer.write('\n');
    }
}
