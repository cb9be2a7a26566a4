package org.hsgcds.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SNOMED CT is-a filters with shipped expansions, and the shipped value sets' membership (RULES.md v2). */
class ValueSetLoaderTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String SCT = "http://snomed.info/sct";
    private static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final String VS = "http://hsg-cds.org/fhir/ValueSet/";
    private static ValueSetIndex shipped;

    @BeforeAll
    static void loadShippedValueSets() {
        shipped = new ValueSetLoader(FHIR).load(ContentLoader.read("file:./fhir-resources/valuesets/*.json"));
    }

    @Test
    void snomedIsAFilterMeansTheShippedExpansion() {
        ValueSetIndex index = load(sepsis("""
                "expansion": {"timestamp": "2026-12-01T00:00:00Z", "contains": [
                  {"system": "http://snomed.info/sct", "code": "91302008", "display": "Sepsis"},
                  {"system": "http://snomed.info/sct", "code": "770349000", "display": "Sepsis caused by virus"}]}"""));
        assertThat(index.contains(VS + "test", SCT, "91302008")).isTrue();
        assertThat(index.contains(VS + "test", SCT, "770349000")).isTrue();
        assertThat(index.contains(VS + "test", SCT, "195967001"))
                .as("not in the expansion")
                .isFalse();
        assertThat(index.contains(VS + "test", ICD, "A41.9"))
                .as("ICD-10-CM prefix filter still applies")
                .isTrue();
    }

    @Test
    void snomedIsARootMissingFromTheExpansionIsRefused() {
        String json = sepsis("""
                "expansion": {"timestamp": "2026-12-01T00:00:00Z", "contains": [
                  {"system": "http://snomed.info/sct", "code": "770349000", "display": "Sepsis caused by virus"}]}""");
        assertThatThrownBy(() -> load(json))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("test.json")
                .hasMessageContaining("91302008")
                .hasMessageContaining("missing from its expansion");
    }

    @Test
    void snomedIsAWithoutAnExpansionIsRefused() {
        assertThatThrownBy(() -> load(sepsis("\"status\": \"active\"")))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("test.json")
                .hasMessageContaining("needs a shipped expansion");
    }

    @Test
    void otherFiltersAreRefused() {
        String json = sepsis("""
                "expansion": {"timestamp": "2026-12-01T00:00:00Z", "contains": [
                  {"system": "http://snomed.info/sct", "code": "91302008", "display": "Sepsis"}]}""")
                .replace(
                        "\"op\": \"is-a\", \"value\": \"91302008\"",
                        "\"op\": \"descendent-of\", \"value\": \"91302008\"");
        assertThatThrownBy(() -> load(json))
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("only ICD-10-CM and SNOMED CT");
    }

    @Test
    void sepsisCausedByVirusIsASeriousSystemicDisease() {
        assertThat(shipped.contains(VS + "serious-systemic-disease", SCT, "770349000"))
                .isTrue();
        assertThat(shipped.contains(VS + "serious-systemic-disease", SCT, "234466008"))
                .as("acquired coagulation disorder")
                .isTrue();
    }

    @Test
    void verifiedSubTypesOfHeartFailureAndAsthmaAreSeriousSystemicDiseaseAndKidneyDiseaseIsNot() {
        for (String code : new String[] {"441481004", "703275009", "707447008"}) {
            assertThat(shipped.contains(VS + "serious-systemic-disease", SCT, code))
                    .as(code)
                    .isTrue();
        }
        // RULES.md v3: kidney disease is not a contraindication to contrast placed in the uterus.
        for (String code : new String[] {"236435004", "90688005", "14669001", "46177005"}) {
            assertThat(shipped.contains(VS + "serious-systemic-disease", SCT, code))
                    .as(code)
                    .isFalse();
        }
        assertThat(shipped.contains(VS + "serious-systemic-disease", "http://hl7.org/fhir/sid/icd-10-cm", "N18.6"))
                .isFalse();
    }

    @Test
    void chlamydiaAndGonorrhoeaResultsAreSeparateAndCombinedResultsCountForBoth() {
        String loinc = "http://loinc.org";
        assertThat(shipped.contains(VS + "chlamydia-test", loinc, "21613-5")).isTrue();
        assertThat(shipped.contains(VS + "chlamydia-test", loinc, "14463-4"))
                .as("culture, cervix")
                .isTrue();
        assertThat(shipped.contains(VS + "gonorrhoea-test", loinc, "24111-7")).isTrue();
        assertThat(shipped.contains(VS + "gonorrhoea-test", loinc, "688-2"))
                .as("culture, cervix")
                .isTrue();
        assertThat(shipped.contains(VS + "chlamydia-test", loinc, "24111-7")).isFalse();
        assertThat(shipped.contains(VS + "gonorrhoea-test", loinc, "21613-5")).isFalse();
        assertThat(shipped.contains(VS + "chlamydia-test", loinc, "45068-4"))
                .as("CT+GC, cervix")
                .isTrue();
        assertThat(shipped.contains(VS + "gonorrhoea-test", loinc, "45068-4"))
                .as("CT+GC, cervix")
                .isTrue();
    }

    @Test
    void thrombophiliasAreNotSeriousSystemicDiseaseButOtherCoagulationDefectsAre() {
        assertThat(shipped.contains(VS + "serious-systemic-disease", ICD, "D68.51"))
                .isFalse();
        assertThat(shipped.contains(VS + "serious-systemic-disease", ICD, "D68.61"))
                .isFalse();
        assertThat(shipped.contains(VS + "serious-systemic-disease", ICD, "D68.0"))
                .isTrue();
        assertThat(shipped.contains(VS + "serious-systemic-disease", ICD, "D68.311"))
                .isTrue();
        assertThat(shipped.contains(VS + "serious-systemic-disease", ICD, "D68.9"))
                .isTrue();
    }

    @Test
    void synthea330ChildbirthIsARecentUterineEventProcedure() {
        assertThat(shipped.contains(VS + "recent-uterine-event-procedure", SCT, "66348005"))
                .isTrue();
        assertThat(shipped.contains(VS + "recent-uterine-event-procedure", SCT, "65588006"))
                .isTrue();
        assertThat(shipped.contains(VS + "recent-uterine-event-procedure", SCT, "386216000"))
                .isTrue();
        assertThat(shipped.contains(VS + "recent-uterine-event-procedure", SCT, "367494004"))
                .isTrue();
    }

    @Test
    void iodineIsAnIodineLabelNotAContrastAllergy() {
        assertThat(shipped.contains(VS + "contrast-allergy", SCT, "44588005")).isFalse();
        assertThat(shipped.contains(VS + "iodine-label", SCT, "44588005")).isTrue();
        assertThat(shipped.contains(VS + "contrast-allergy", SCT, "293637006")).isTrue();
        assertThat(shipped.contains(VS + "contrast-allergy", ICD, "Z91.041")).isTrue();
    }

    @Test
    void iodinatedContrastIsMatchedAsSubstanceAndAsProduct() {
        assertThat(shipped.contains(VS + "contrast-allergy", SCT, "395751002"))
                .as("iohexol (substance)")
                .isTrue();
        assertThat(shipped.contains(VS + "contrast-allergy", SCT, "109218004"))
                .as("product containing iohexol")
                .isTrue();
        assertThat(shipped.contains(VS + "contrast-allergy", SCT, "89595000"))
                .as("iodized oil")
                .isTrue();
        assertThat(shipped.contains(VS + "contrast-allergy", SCT, "58281002"))
                .as("gadolinium")
                .isFalse();
    }

    @Test
    void shellfishIsNotAContrastAllergy() {
        assertThat(shipped.contains(VS + "contrast-allergy", SCT, "735029006")).isFalse();
        assertThat(shipped.contains(VS + "iodine-label", SCT, "735029006")).isFalse();
    }

    @Test
    void hydrosalpinxIsChronicGenitalInflammationAndTubalHistoryNotAcuteInflammation() {
        assertThat(shipped.contains(VS + "genital-inflammation-chronic", ICD, "N70.11"))
                .isTrue();
        assertThat(shipped.contains(VS + "pid-or-hydrosalpinx-history", ICD, "N70.11"))
                .isTrue();
        assertThat(shipped.contains(VS + "genital-inflammation", ICD, "N70.11")).isFalse();
        assertThat(shipped.contains(VS + "genital-inflammation", ICD, "N70.01"))
                .as("acute salpingitis")
                .isTrue();
        for (String chronic : new String[] {"N70.12", "N71.1", "N76.1", "N76.3"}) {
            assertThat(shipped.contains(VS + "genital-inflammation", ICD, chronic))
                    .as(chronic)
                    .isFalse();
            assertThat(shipped.contains(VS + "genital-inflammation-chronic", ICD, chronic))
                    .as(chronic)
                    .isTrue();
        }
    }

    @Test
    void pregnancyConditionsIncludePositiveTestAndConditionsOfPregnancyButNotDeliveryOrAbortion() {
        assertThat(shipped.contains(VS + "pregnancy-condition", ICD, "Z32.01")).isTrue();
        assertThat(shipped.contains(VS + "pregnancy-condition", ICD, "O24.41")).isTrue();
        assertThat(shipped.contains(VS + "pregnancy-condition", ICD, "O10.011")).isTrue();
        assertThat(shipped.contains(VS + "pregnancy-condition", ICD, "O48.0")).isTrue();
        for (String later : new String[] {"O03.9", "O00.10", "O80", "O90.89", "O99.89", "Z37.0", "Z32.02"}) {
            assertThat(shipped.contains(VS + "pregnancy-condition", ICD, later))
                    .as(later)
                    .isFalse();
        }
    }

    @Test
    void abortionDeliveryAndPuerperiumAreRecentUterineEventConditions() {
        for (String code :
                new String[] {"O03.9", "O90.89", "O00.10", "O08.0", "O80", "O82", "O85", "O92.3", "Z37.0", "Z39.2"}) {
            assertThat(shipped.contains(VS + "recent-uterine-event-condition", ICD, code))
                    .as(code)
                    .isTrue();
        }
        assertThat(shipped.contains(VS + "recent-uterine-event-condition", ICD, "O24.41"))
                .isFalse();
    }

    @Test
    void usualCycleLengthIsTheCycleLengthCodeAndRegularityIsNot() {
        assertThat(shipped.contains(VS + "menstrual-cycle-length", SCT, "161716008"))
                .isTrue();
        assertThat(shipped.contains(VS + "menstrual-cycle-length", SCT, "364307006"))
                .as("regularity of menstrual cycle")
                .isFalse();
    }

    @Test
    void newValueSetsLoad() {
        for (String id : new String[] {
            "iodine-label", "tetracycline-allergy", "chlamydia-test", "gonorrhoea-test", "genital-inflammation-chronic"
        }) {
            assertThat(shipped.isKnown(VS + id)).as(id).isTrue();
        }
        assertThat(shipped.contains(VS + "tetracycline-allergy", RXNORM, "3640"))
                .as("doxycycline")
                .isTrue();
    }

    @Test
    void leepEctopicSurgeryAndHysteroscopicSurgeryAreRecentUterineEvents() {
        String cpt = "http://www.ama-assn.org/go/cpt";
        assertThat(shipped.contains(VS + "recent-uterine-event-procedure", SCT, "23140002"))
                .as("LEEP of cervix")
                .isTrue();
        assertThat(shipped.contains(VS + "recent-uterine-event-procedure", SCT, "387615001"))
                .as("removal of tubal ectopic")
                .isTrue();
        assertThat(shipped.contains(VS + "recent-uterine-event-procedure", SCT, "1359744003"))
                .as("aspiration of interstitial ectopic")
                .isTrue();
        for (String code : new String[] {
            "58558", "58559", "58560", "58563", "59120", "59121", "59130", "59136", "59140", "59150", "59151"
        }) {
            assertThat(shipped.contains(VS + "recent-uterine-event-procedure", cpt, code))
                    .as(code)
                    .isTrue();
        }
        assertThat(shipped.contains(VS + "recent-uterine-event-procedure", cpt, "59135"))
                .as("requires total hysterectomy")
                .isFalse();
    }

    @Test
    void tetracyclineClassSubstancesAreTetracyclineAllergies() {
        for (String code : new String[] {"372809001", "372478003", "372653009", "372675006", "418313005"}) {
            assertThat(shipped.contains(VS + "tetracycline-allergy", SCT, code))
                    .as(code)
                    .isTrue();
        }
        assertThat(shipped.contains(VS + "tetracycline-allergy", SCT, "372687004"))
                .as("amoxicillin")
                .isFalse();
    }

    private static ValueSetIndex load(String json) {
        return new ValueSetLoader(FHIR).load(Map.of("test.json", json));
    }

    /** A sepsis value set: SNOMED CT is-a 91302008 and ICD-10-CM is-a A41, with {@code tail} appended. */
    private static String sepsis(String tail) {
        return """
                {"resourceType": "ValueSet", "id": "test", "url": "http://hsg-cds.org/fhir/ValueSet/test", "status": "active",
                 "compose": {"include": [
                   {"system": "http://snomed.info/sct", "filter": [{"property": "concept", "op": "is-a", "value": "91302008"}]},
                   {"system": "http://hl7.org/fhir/sid/icd-10-cm", "filter": [{"property": "concept", "op": "is-a", "value": "A41"}]}]},
                """ + tail + "}";
    }
}
