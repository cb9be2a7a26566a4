package org.hsgcds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Synthea oracle's clinical facts ({@link SyntheaOracle}, {@code bench/synthea/oracle-rules.json}) agree with the
 * shipped value sets: every event code the oracle knows is a member of the recent-uterine-event value sets and every
 * pregnancy code of the pregnancy-condition one. The oracle is written from RULES.md, not read from the value sets, so a
 * code dropped from a value set (or one added to the oracle and forgotten in the content) fails here by name. And the
 * oracle's dating and status rules on hand-made records.
 */
class SyntheaOracleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SyntheaOracle ORACLE = SyntheaOracle.load();
    private static final LocalDate PLANNED = LocalDate.of(2026, 12, 10);

    @Test
    void everyEventCodeIsInTheRecentUterineEventValueSets() throws IOException {
        Members members = members("recent-uterine-event-condition", "recent-uterine-event-procedure");
        assertThat(ORACLE.eventSnomed()).as("SNOMED CT events").isNotEmpty().isSubsetOf(members.snomed());
        assertThat(ORACLE.eventCpt()).as("CPT events").isNotEmpty().isSubsetOf(members.cpt());
        assertThat(ORACLE.eventIcd10Prefixes())
                .as("ICD-10-CM event families, each within a value-set family")
                .allSatisfy(p -> assertThat(members.icd10Prefixes()).anyMatch(p::startsWith));
    }

    @Test
    void everyPregnancyCodeIsInThePregnancyConditionValueSet() throws IOException {
        Members members = members("pregnancy-condition");
        assertThat(ORACLE.pregnancySnomed()).isNotEmpty().isSubsetOf(members.snomed());
        assertThat(ORACLE.pregnancyIcd10Prefixes())
                .allSatisfy(p -> assertThat(members.icd10Prefixes()).anyMatch(p::startsWith));
    }

    @Test
    void anEventIsDatedByTheLaterOfOnsetAndAbatementAndARecordedDateLeavesItUncertain() throws IOException {
        JsonNode miscarriage = json("""
                {"resourceType": "Condition", "id": "m", "clinicalStatus": {"coding": [{"code": "resolved"}]},
                 "code": {"coding": [{"system": "http://snomed.info/sct", "code": "156073000"}]},
                 "onsetDateTime": "2026-10-20T10:00:00+01:00", "abatementDateTime": "2026-11-30"}""");
        assertThat(ORACLE.recentEvents(List.of(miscarriage), PLANNED))
                .as("onset 51 days before, abated 10 days before: 10 days, resolved or not")
                .singleElement()
                .extracting(SyntheaOracle.Event::daysBefore)
                .isEqualTo(10L);
        JsonNode recordedOnly = json("""
                {"resourceType": "Condition", "id": "r",
                 "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "O03.9"}]},
                 "recordedDate": "2026-11-20"}""");
        assertThat(ORACLE.recentEvents(List.of(recordedOnly), PLANNED)).isEmpty();
        assertThat(ORACLE.uncertainEvents(List.of(recordedOnly), PLANNED)).hasSize(1);
    }

    @Test
    void procedureStatusesFollowRulesVersionThree() throws IOException {
        String curettage = """
                {"resourceType": "Procedure", "id": "p", "status": "%s", "performedDateTime": "2026-11-30",
                 "code": {"coding": [{"system": "http://snomed.info/sct", "code": "391998006"}]}}""";
        assertThat(ORACLE.recentEvents(List.of(json(curettage.replace("%s", "stopped"))), PLANNED))
                .hasSize(1);
        assertThat(ORACLE.recentEvents(List.of(json(curettage.replace("%s", "not-done"))), PLANNED))
                .isEmpty();
        assertThat(ORACLE.uncertainEvents(List.of(json(curettage.replace("%s", "unknown"))), PLANNED))
                .hasSize(1);
    }

    @Test
    void aPregnancyCountsUnlessInactiveResolvedRemissionOrAbatedByThePlannedDate() throws IOException {
        String pregnancy = """
                {"resourceType": "Condition", "id": "g", %s
                 "code": {"coding": [{"system": "http://snomed.info/sct", "code": "72892002"}]},
                 "onsetDateTime": "2026-10-01"}""";
        assertThat(ORACLE.activePregnancies(List.of(json(pregnancy.replace("%s", ""))), PLANNED))
                .as("no clinical status counts (RULES.md v3)")
                .hasSize(1);
        assertThat(ORACLE.activePregnancies(
                        List.of(json(pregnancy.replace(
                                "%s", "\"clinicalStatus\": {\"coding\": [{\"code\": \"relapse\"}]},"))),
                        PLANNED))
                .hasSize(1);
        assertThat(ORACLE.activePregnancies(
                        List.of(json(pregnancy.replace(
                                "%s", "\"clinicalStatus\": {\"coding\": [{\"code\": \"resolved\"}]},"))),
                        PLANNED))
                .isEmpty();
        assertThat(ORACLE.activePregnancies(
                        List.of(json(pregnancy.replace("%s", "\"abatementDateTime\": \"2026-12-24\","))), PLANNED))
                .as("abated after the planned date: still pregnant on it")
                .hasSize(1);
        assertThat(ORACLE.activePregnancies(
                        List.of(json(pregnancy.replace("%s", "\"abatementDateTime\": \"2026-12-10\","))), PLANNED))
                .isEmpty();
    }

    private record Members(Set<String> snomed, Set<String> cpt, List<String> icd10Prefixes) {}

    /** Expansion and enumerated codes by system; ICD-10-CM is-a filters and enumerated codes as prefixes. */
    private static Members members(String... valueSets) throws IOException {
        Set<String> snomed = new HashSet<>();
        Set<String> cpt = new HashSet<>();
        List<String> icd10 = new ArrayList<>();
        for (String name : valueSets) {
            JsonNode vs = JSON.readTree(
                    Path.of("fhir-resources/valuesets", name + ".json").toFile());
            List<JsonNode> codings = new ArrayList<>();
            vs.path("expansion").path("contains").forEach(codings::add);
            for (JsonNode include : vs.path("compose").path("include")) {
                for (JsonNode concept : include.path("concept")) {
                    codings.add(JSON.createObjectNode()
                            .put("system", include.path("system").asText())
                            .put("code", concept.path("code").asText()));
                }
                if (SyntheaOracle.ICD10.equals(include.path("system").asText())) {
                    include.path("filter")
                            .forEach(f -> icd10.add(f.path("value").asText()));
                }
            }
            for (JsonNode c : codings) {
                String code = c.path("code").asText();
                switch (c.path("system").asText()) {
                    case SyntheaOracle.SNOMED -> snomed.add(code);
                    case SyntheaOracle.CPT -> cpt.add(code);
                    case SyntheaOracle.ICD10 -> icd10.add(code);
                    default -> {}
                }
            }
        }
        return new Members(snomed, cpt, icd10);
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }
}
