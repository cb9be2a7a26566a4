package org.hsgcds.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cqframework.cql.elm.serializing.jackson.ElmJsonMapper;
import org.hl7.elm.r1.VersionedIdentifier;
import org.hsgcds.testsupport.EditedContent;
import org.hsgcds.testsupport.ShippedContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped content loads; each kind of broken content stops loading with a message naming the problem. */
class ContentLoaderTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ObjectMapper STRICT =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static CompiledContent shipped;

    @TempDir
    Path dir;

    private EditedContent edited;

    @org.junit.jupiter.api.BeforeEach
    void editedContentInTheTempDir() {
        edited = new EditedContent(dir);
    }

    @BeforeAll
    static void loadShippedContent() {
        shipped = ShippedContent.get();
    }

    @Test
    void shippedContentLoadsWithEveryCardBoundToAnExistingExpression() {
        assertThat(shipped.cards().cards()).isNotEmpty();
        for (CardDefinition card : shipped.cards().ruleCards()) {
            assertThat(card.topic()).isNotBlank();
            assertThat(card.summary().length()).as(card.topic()).isLessThan(140);
            card.evidence()
                    .forEach(e -> assertThat(shipped.ruleExpressions())
                            .as(card.topic())
                            .contains(e));
            card.values()
                    .values()
                    .forEach(e -> assertThat(shipped.ruleExpressions())
                            .as(card.topic())
                            .contains(e));
        }
        assertThat(shipped.valueSets()
                        .contains(
                                "http://hsg-cds.org/fhir/ValueSet/hsg-procedure",
                                "http://snomed.info/sct",
                                "168884001"))
                .isTrue();
    }

    @Test
    void icd10cmFamiliesMatchByPrefixAndShellfishIsNotContrast() {
        ValueSetIndex vs = shipped.valueSets();
        String icd = "http://hl7.org/fhir/sid/icd-10-cm";
        assertThat(vs.contains("http://hsg-cds.org/fhir/ValueSet/pregnancy-condition", icd, "O09.511"))
                .isTrue();
        assertThat(vs.contains("http://hsg-cds.org/fhir/ValueSet/pregnancy-condition", icd, "Z3A.20"))
                .isTrue();
        assertThat(vs.contains("http://hsg-cds.org/fhir/ValueSet/pregnancy-condition", icd, "Z30.09"))
                .isFalse();
        assertThat(vs.contains(
                        "http://hsg-cds.org/fhir/ValueSet/contrast-allergy", "http://snomed.info/sct", "735029006"))
                .isFalse();
        assertThat(vs.contains(
                        "http://hsg-cds.org/fhir/ValueSet/contrast-allergy", "http://snomed.info/sct", "293637006"))
                .isTrue();
    }

    @Test
    void retrieveIndexReadFromTheElmTextIsTheOneTheCompiledLibrariesGive() {
        Map<String, String> sources = ContentLoader.cqlSources("classpath:");
        PrecompiledElm.Bundled bundled = PrecompiledElm.bundled(sources).orElseThrow();
        RetrieveIndex.Builder fromCompiled = new RetrieveIndex.Builder();
        for (String name : sources.keySet()) {
            fromCompiled.add(ElmJsonMapper.getMapper()
                    .valueToTree(shipped.libraryManager()
                            .resolveLibrary(new VersionedIdentifier().withId(name))
                            .getLibrary()));
        }
        assertThat(ContentLoader.retrieveIndex(bundled.elmByName(), sources.keySet(), shipped.valueSets())
                        .filters())
                .isNotEmpty()
                .isEqualTo(fromCompiled.build(shipped.valueSets()).filters());
    }

    @Test
    void retrieveIndexKeepsExactlyWhatTheRulesRetrieve() throws IOException {
        RetrieveIndex index = shipped.retrievable();
        assertThat(index.isRetrievable(resource("Observation", "http://loinc.org", "8665-2")))
                .isTrue();
        assertThat(index.isRetrievable(resource("Observation", "http://loinc.org", "8678-5")))
                .as("code literal in a retrieve")
                .isTrue();
        assertThat(index.isRetrievable(resource("Observation", "http://loinc.org", "8480-6")))
                .as("a LOINC code no rule names: the query reading records by their words skips standard codings")
                .isFalse();
        assertThat(index.isRetrievable(resource("Observation", "urn:oid:1.2.3.4", "HCG-Q")))
                .as("results under local codes are read by their words (RULES.md v3)")
                .isTrue();
        assertThat(index.isRetrievable(
                        STRICT.readTree("{\"resourceType\": \"Observation\", \"code\": {\"text\": \"urine hCG\"}}")))
                .as("a result in text only")
                .isTrue();
        assertThat(index.isRetrievable(STRICT.readTree("{\"resourceType\": \"Observation\"}")))
                .as("a result without any code")
                .isTrue();
        assertThat(index.codedMembers("Observation").orElseThrow())
                .as("what the narrowed template asks for")
                .contains("http://loinc.org|8665-2", "http://loinc.org|11778-8")
                .doesNotContain("http://loinc.org|8480-6");
        assertThat(index.isRetrievable(resource("Condition", "http://hl7.org/fhir/sid/icd-10-cm", "O09.511")))
                .as("ICD-10-CM family")
                .isTrue();
        assertThat(index.isRetrievable(resource("Condition", "http://snomed.info/sct", "195967001")))
                .as("asthma, coded in SNOMED CT: no rule names it, and the word query reads uncoded records only")
                .isFalse();
        assertThat(index.isRetrievable(resource("Condition", "http://example.org/local-problems", "PREG")))
                .as("conditions in local codes are read by their words (RULES.md v3)")
                .isTrue();
        assertThat(index.isRetrievable(resource("Procedure", "http://snomed.info/sct", "180256009")))
                .as("a SNOMED CT procedure no rule names (subcutaneous immunotherapy, as Synthea codes it)")
                .isFalse();
        assertThat(index.isRetrievable(resource("Procedure", "http://example.org/local-procedures", "DNC")))
                .as("procedures in local codes are read by their words (RULES.md v3)")
                .isTrue();
        assertThat(index.codes("Procedure"))
                .as("a narrowed template still asks for every procedure: uncoded ones are read by their words")
                .isEmpty();
        assertThat(index.isRetrievable(resource("AllergyIntolerance", "http://snomed.info/sct", "91936005")))
                .as("allergies are retrieved without a code filter (reaction substances)")
                .isTrue();
        assertThat(index.isRetrievable(resource("Encounter", "http://snomed.info/sct", "185349003")))
                .as("never retrieved")
                .isFalse();
        assertThat(index.isRetrievable(STRICT.readTree("{\"resourceType\": \"Patient\", \"id\": \"p\"}")))
                .isTrue();
    }

    @Test
    void editedRulesTranslateUnderATurkishDefaultLocale() throws IOException {
        edited.copyShipped();
        edited.edit("cql/HSGEligibility.cql", s -> s + "\ndefine \"Edited\": true\n");
        java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
        try {
            assertThat(edited.load().rules().name()).isEqualTo("HSGEligibility");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void aRetrieveWithoutCodeFilterThatIsNotGuardedKeepsEveryResourceOfItsType() throws IOException {
        edited.copyShipped();
        edited.edit(
                "cql/HSGEligibility.cql",
                s -> s.replace(
                        "define \"Uncoded Procedures\":",
                        "define \"Every Procedure\":\n  [Procedure] P where P.status.value is not null\n\n"
                                + "define \"Uncoded Procedures\":"));
        RetrieveIndex index = edited.load().retrievable();
        assertThat(index.isRetrievable(resource("Procedure", "http://snomed.info/sct", "180256009")))
                .as("an unguarded [Procedure] reads coded procedures too")
                .isTrue();
        assertThat(index.isRetrievable(resource("Condition", "http://snomed.info/sct", "195967001")))
                .as("other types keep their guard")
                .isFalse();
    }

    @Test
    void aStandardCodingFunctionOfAnotherShapeKeepsEveryResource() throws IOException {
        edited.copyShipped();
        edited.edit(
                "cql/HSGCommon.cql",
                s -> s.replace(
                        "define function \"Has Standard Coding\"(concept FHIR.CodeableConcept):\n  Coalesce(",
                        "define function \"Has Standard Coding\"(concept FHIR.CodeableConcept):\n  concept.text is null and Coalesce("));
        RetrieveIndex index = edited.load().retrievable();
        assertThat(index.isRetrievable(resource("Procedure", "http://snomed.info/sct", "180256009")))
                .as("a guard whose systems cannot be read exactly keeps everything")
                .isTrue();
    }

    private static com.fasterxml.jackson.databind.JsonNode resource(String type, String system, String code)
            throws IOException {
        return STRICT.readTree("{\"resourceType\": \"" + type + "\", \"code\": {\"coding\": [{\"system\": \"" + system
                + "\", \"code\": \"" + code + "\"}]}}");
    }

    @Test
    void cqlSyntaxErrorStopsLoadingWithLineNumber() throws IOException {
        edited.copyShipped();
        edited.edit(
                "cql/HSGEligibility.cql",
                s -> s.replace(
                        "define \"Has Contraindication Finding\":", "define \"Has Contraindication Finding\" oops:"));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("HSGEligibility")
                .hasMessageContaining("line");
    }

    @Test
    void cardBoundToMissingExpressionStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "cql/HSGEligibility.cards.json",
                s -> s.replace("\"Active Genital Inflammation\"", "\"No Such Expression\""));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("'No Such Expression' that does not exist");
    }

    @Test
    void summaryOf140CharactersStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "cql/HSGEligibility.cards.json",
                s -> s.replace(
                        "HSG contraindicated: acute genital tract inflammation or infection on record",
                        "x".repeat(140)));
        assertThatThrownBy(edited::load).isInstanceOf(ContentException.class).hasMessageContaining("under 140");
    }

    @Test
    void summaryOf139CharactersLoads() throws IOException {
        edited.copyShipped();
        edited.edit(
                "cql/HSGEligibility.cards.json",
                s -> s.replace(
                        "HSG contraindicated: acute genital tract inflammation or infection on record",
                        "x".repeat(139)));
        assertThat(edited.load().cards().ruleCards()).anyMatch(c -> c.summary().length() == 139);
    }

    @Test
    void unknownPrefetchTokenStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "fhir-resources/cds-services.json",
                s -> s.replace(
                        "Procedure?patient={{context.patientId}}",
                        "Procedure?patient={{context.patientId}}&encounter={{context.encounter}}"));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("{{context.encounter}}");
    }

    @Test
    void unbalancedPrefetchTokenStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "fhir-resources/cds-services.json",
                s -> s.replace("Procedure?patient={{context.patientId}}", "Procedure?patient={{context.patientId}"));
        assertThatThrownBy(edited::load).isInstanceOf(ContentException.class).hasMessageContaining("unbalanced");
    }

    @Test
    void missingValueSetStopsLoading() throws IOException {
        edited.copyShipped();
        Files.delete(dir.resolve("fhir-resources/valuesets/genital-inflammation.json"));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("genital-inflammation");
    }

    @Test
    void unsupportedValueSetFilterStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "fhir-resources/valuesets/hcg-test.json",
                s -> s.replaceFirst(
                        "\"system\": \"http://loinc.org\",",
                        "\"system\": \"http://loinc.org\", \"filter\": [{\"property\": \"concept\", \"op\": \"is-a\", \"value\": \"2106-3\"}],"));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("hcg-test.json")
                .hasMessageContaining("only ICD-10-CM and SNOMED CT");
    }

    @Test
    void snomedIsAFilterWithoutAShippedExpansionStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "fhir-resources/valuesets/genital-inflammation.json",
                s -> s.replaceFirst(
                        "\"system\": \"http://snomed.info/sct\",",
                        "\"system\": \"http://snomed.info/sct\", \"filter\": [{\"property\": \"concept\", \"op\": \"is-a\", \"value\": \"198130006\"}],"));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("genital-inflammation.json")
                .hasMessageContaining("needs a shipped expansion");
    }

    @Test
    void snomedIsARootMissingFromTheShippedExpansionStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "fhir-resources/valuesets/serious-systemic-disease.json",
                s -> s.replaceFirst(
                        "\\{\\s*\"system\": \"http://snomed.info/sct\",\\s*\"code\": \"91302008\",\\s*\"display\": \"[^\"]*\"\\s*},",
                        ""));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("serious-systemic-disease.json")
                .hasMessageContaining("91302008")
                .hasMessageContaining("missing from its expansion");
    }

    @Test
    void criticalCardWithoutOverrideReasonsStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "cql/HSGEligibility.cards.json",
                s -> s.replaceFirst("\"overrideReasons\": \\[[^]]*]", "\"overrideReasons\": []"));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("critical but has no overrideReasons");
    }

    @Test
    void unknownProtocolPlaceholderInCardTextStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "cql/HSGEligibility.cards.json",
                s -> s.replaceFirst("\"detail\": \"", "\"detail\": \"{{protocol.hcgRecency}} "));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("{{protocol.hcgRecency}}, which is not a site protocol key");
    }

    @Test
    void outOfRangeShippedProtocolStopsLoading() throws IOException {
        edited.copyShipped();
        edited.edit(
                "fhir-resources/site-protocol.json", s -> s.replace("\"hcgRecencyDays\": 7", "\"hcgRecencyDays\": -1"));
        assertThatThrownBy(edited::load)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("hcgRecencyDays is -1; allowed: 0..14");
    }
}
