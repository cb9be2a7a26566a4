package org.hsgcds.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hsgcds.testsupport.HookRequest;

/**
 * Deterministic order-sign requests for benchmarks: an empty record, a typical one (~30 resources),
 * a heavy one (~1,000 resources, a long history) and a non-HSG order (the fast path).
 * {@code main(dir)} writes them as JSON files for the HTTP load script.
 */
public final class BenchRequests {

    public static final LocalDate PLANNED = LocalDate.of(2026, 12, 3);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String LOINC = "http://loinc.org";
    private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";

    private BenchRequests() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(dir);
        ObjectMapper json = new ObjectMapper();
        for (String name : List.of("empty", "typical", "heavy", "non-hsg")) {
            Files.writeString(dir.resolve(name + ".json"), json.writeValueAsString(request(name)));
        }
    }

    public static ObjectNode request(String name) {
        return switch (name) {
            case "empty" -> build(List.of(), true);
            case "typical" -> build(typical(), true);
            case "heavy" -> build(heavy(), true);
            case "non-hsg" -> build(typical(), false);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static List<ObjectNode> typical() {
        List<ObjectNode> r = new ArrayList<>();
        r.add(observation("lmp", LOINC, "8665-2", PLANNED.minusDays(8))
                .put("valueDateTime", PLANNED.minusDays(8).toString()));
        r.add(coded(observation("hcg", LOINC, "2106-3", PLANNED.minusDays(2)), SNOMED, "260385009"));
        r.add(coded(observation("discharge", SNOMED, "271939006", PLANNED.minusDays(3)), SNOMED, "17621005"));
        r.add(condition("infertility", SNOMED, "6738008", "active", PLANNED.minusDays(400)));
        r.add(condition("asthma", SNOMED, "195967001", "active", PLANNED.minusDays(3000)));
        r.add(condition("uti", ICD, "N39.0", "resolved", PLANNED.minusDays(700)));
        r.add(condition("migraine", SNOMED, "37796009", "active", PLANNED.minusDays(2000)));
        r.add(condition("old-pid", SNOMED, "198130006", "resolved", PLANNED.minusDays(1500)));
        r.add(condition("hypothyroid", SNOMED, "40930008", "active", PLANNED.minusDays(900)));
        r.add(allergy("penicillin", SNOMED, "91936005"));
        r.add(allergy("shellfish", SNOMED, "735029006"));
        r.add(procedure("appendectomy", SNOMED, "80146002", PLANNED.minusDays(4000)));
        r.add(procedure("laparoscopy", SNOMED, "73632009", PLANNED.minusDays(500)));
        for (int i = 0; i < 8; i++) {
            r.add(quantity(observation("bp-" + i, LOINC, "8480-6", PLANNED.minusDays(30L * i + 5)), 110 + i));
            if (i < 6) {
                r.add(quantity(observation("hb-" + i, LOINC, "718-7", PLANNED.minusDays(60L * i + 7)), 13));
            }
        }
        r.add(coded(observation("hcg-old", LOINC, "2106-3", PLANNED.minusDays(90)), SNOMED, "260385009"));
        r.add(observation("lmp-old", LOINC, "8665-2", PLANNED.minusDays(36))
                .put("valueDateTime", PLANNED.minusDays(36).toString()));
        return r;
    }

    static List<ObjectNode> heavy() {
        Random random = new Random(42);
        List<ObjectNode> r = new ArrayList<>(typical());
        String[] conditionCodes = {
            "195967001", "37796009", "40930008", "44054006", "38341003", "73211009", "271737000", "68566005"
        };
        String[] observationCodes = {"8480-6", "8462-4", "718-7", "2345-7", "29463-7", "8302-2", "2093-3"};
        for (int i = 0; r.size() < 1000; i++) {
            long daysAgo = 30 + random.nextInt(3650);
            switch (i % 10) {
                case 0, 1, 2 ->
                    r.add(condition(
                            "c" + i,
                            SNOMED,
                            conditionCodes[random.nextInt(conditionCodes.length)],
                            random.nextBoolean() ? "resolved" : "active",
                            PLANNED.minusDays(daysAgo)));
                case 3 -> r.add(procedure("p" + i, SNOMED, "80146002", PLANNED.minusDays(daysAgo)));
                case 4 -> r.add(allergy("a" + i, SNOMED, "91936005"));
                default ->
                    r.add(quantity(
                            observation(
                                    "o" + i,
                                    LOINC,
                                    observationCodes[random.nextInt(observationCodes.length)],
                                    PLANNED.minusDays(daysAgo)),
                            50 + random.nextInt(100)));
            }
        }
        return r;
    }

    private static ObjectNode build(List<ObjectNode> resources, boolean hsg) {
        ObjectNode order = HookRequest.hsgOrder("order-1", "bench", PLANNED);
        if (!hsg) {
            ((ObjectNode) order.path("code").path("coding").path(0))
                    .put("system", LOINC)
                    .put("code", "36643-5")
                    .remove("display");
        }
        ObjectNode patient = F.objectNode()
                .put("resourceType", "Patient")
                .put("id", "bench")
                .put("gender", "female")
                .put("birthDate", "1990-01-01");
        return HookRequest.orderSign()
                .hookInstance("0f5a4a8e-5d3c-4b8e-9d7e-2a1b3c4d5e6f")
                .userId("Practitioner/bench")
                .patient(patient)
                .draftOrders(List.of(order))
                .resources(resources)
                .build();
    }

    private static ObjectNode observation(String id, String system, String code, LocalDate date) {
        ObjectNode o =
                F.objectNode().put("resourceType", "Observation").put("id", id).put("status", "final");
        o.putObject("code").putArray("coding").addObject().put("system", system).put("code", code);
        o.putObject("subject").put("reference", "Patient/bench");
        o.put("effectiveDateTime", date.toString());
        return o;
    }

    private static ObjectNode coded(ObjectNode observation, String system, String code) {
        observation
                .putObject("valueCodeableConcept")
                .putArray("coding")
                .addObject()
                .put("system", system)
                .put("code", code);
        return observation;
    }

    private static ObjectNode quantity(ObjectNode observation, int value) {
        observation.putObject("valueQuantity").put("value", value).put("unit", "1");
        return observation;
    }

    private static ObjectNode condition(String id, String system, String code, String status, LocalDate onset) {
        ObjectNode c = F.objectNode().put("resourceType", "Condition").put("id", id);
        c.putObject("clinicalStatus")
                .putArray("coding")
                .addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical")
                .put("code", status);
        c.putObject("code").putArray("coding").addObject().put("system", system).put("code", code);
        c.putObject("subject").put("reference", "Patient/bench");
        c.put("onsetDateTime", onset.toString());
        if ("resolved".equals(status)) {
            c.put("abatementDateTime", onset.plusDays(20).toString());
        }
        return c;
    }

    private static ObjectNode allergy(String id, String system, String code) {
        ObjectNode a = F.objectNode().put("resourceType", "AllergyIntolerance").put("id", id);
        a.putObject("code").putArray("coding").addObject().put("system", system).put("code", code);
        a.putObject("patient").put("reference", "Patient/bench");
        return a;
    }

    private static ObjectNode procedure(String id, String system, String code, LocalDate performed) {
        ObjectNode p =
                F.objectNode().put("resourceType", "Procedure").put("id", id).put("status", "completed");
        p.putObject("code").putArray("coding").addObject().put("system", system).put("code", code);
        p.putObject("subject").put("reference", "Patient/bench");
        p.put("performedDateTime", performed.toString());
        return p;
    }
}
