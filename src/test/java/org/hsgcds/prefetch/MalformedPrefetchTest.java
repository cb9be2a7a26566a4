package org.hsgcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.hl7.fhir.r4.model.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A malformed prefetch entry makes its key unreadable, with a reason naming the entry and the fault, where HAPI's
 * lenient parser would drop the element or the entry and the key would read as shorter than it is.
 */
class MalformedPrefetchTest {

    /** Retrieves Conditions coded SNOMED 77386006 only, as the narrowed reader of the service does by value set. */
    private final FhirJsonReader reader = new FhirJsonReader(
            FhirContext.forR4Cached(),
            resource -> "Condition".equals(resource.path("resourceType").asText())
                    && resource.path("code")
                            .path("coding")
                            .path(0)
                            .path("code")
                            .asText()
                            .equals("77386006"));

    private static final String PREGNANCY = """
            {"resourceType": "Condition", "id": "preg", "subject": {"reference": "Patient/p1"},
             "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
             "code": {"coding": [{"system": "http://snomed.info/sct", "code": "77386006"}]}, "onsetDateTime": "2026-10-01"}""";

    private static final String OTHER = """
            {"resourceType": "Condition", "id": "other", "subject": {"reference": "Patient/p1"},
             "code": {"coding": [{"system": "http://snomed.info/sct", "code": "367498001"}]}}""";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            resourceType in the wrong case | "resourceType": "Condition" | "resourceType": "condition" | entry 2: resourceType 'condition' is not a FHIR R4 resource type
            unknown resourceType           | "resourceType": "Condition" | "resourceType": "Conditon"  | entry 2: resourceType 'Conditon' is not a FHIR R4 resource type
            resourceType not text          | "resourceType": "Condition" | "resourceType": 7           | entry 2: its resourceType is a number, not text
            no resourceType                | "resourceType": "Condition", | ``                         | entry 2: the resource has no resourceType
            code as a string               | "code": {"coding": [{"system": "http://snomed.info/sct", "code": "77386006"}]} | "code": "Pregnant" | entry 2: Condition.code is text where a CodeableConcept is expected
            coding as an object            | "code": {"coding": [{"system": "http://snomed.info/sct", "code": "77386006"}]} | "code": {"coding": {"system": "http://snomed.info/sct", "code": "77386006"}} | entry 2: Condition.code.coding is an object where a list is expected
            a coding as a string           | "code": {"coding": [{"system": "http://snomed.info/sct", "code": "77386006"}]} | "code": {"coding": ["77386006"]} | entry 2: Condition.code.coding is text where a Coding is expected
            subject as a string            | "subject": {"reference": "Patient/p1"} | "subject": "Patient/p1" | entry 2: Condition.subject is text where a Reference is expected
            a date as an object            | "onsetDateTime": "2026-10-01" | "onsetDateTime": {"value": "2026-10-01"} | entry 2: Condition.onsetDateTime is an object where a dateTime value is expected
            a single value given as a list | "onsetDateTime": "2026-10-01" | "onsetDateTime": ["2026-10-01"] | entry 2: Condition.onsetDateTime is a list where a single value is expected
            status given as a list of text | "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]} | "clinicalStatus": ["active"] | entry 2: Condition.clinicalStatus is a list where a single value is expected
            two values of a choice         | "onsetDateTime": "2026-10-01" | "onsetDateTime": "2026-10-01", "onsetString": "October" | entry 2: not readable as FHIR R4 (onset has more than one value where one is allowed)
            """)
    void aMalformedEntryMakesTheKeyUnreadableAndSaysWhy(String name, String from, String to, String reason) {
        String malformed = PREGNANCY.replace(from, to);
        assertThat(malformed).isNotEqualTo(PREGNANCY);

        PrefetchOutcome outcome = reader.read("conditions", json(bundle(OTHER, malformed)));

        assertThat(outcome.failed()).as(name).isTrue();
        assertThat(outcome.failure()).isEqualTo(reason);
        assertThat(outcome.resources()).isEmpty();
    }

    @Test
    void aMalformedEntryTheRulesDoNotRetrieveStillFailsWhereTheFilterReadsIt() {
        // code.coding as an object would make the filter miss the pregnancy code and drop the entry unread.
        String hidden = OTHER.replace(
                "\"coding\": [{\"system\": \"http://snomed.info/sct\", \"code\": \"367498001\"}]",
                "\"coding\": {\"system\": \"http://snomed.info/sct\", \"code\": \"77386006\"}");

        PrefetchOutcome outcome = reader.read("conditions", json(bundle(PREGNANCY, hidden)));

        assertThat(outcome.failure()).isEqualTo("entry 2: Condition.code.coding is an object where a list is expected");
    }

    @Test
    void entriesOfValidTypesTheRulesDoNotRetrieveAreStillLeftOutUnread() {
        // A Procedure with an invalid date is not read at all: only what the rules retrieve is parsed.
        String procedure = """
                {"resourceType": "Procedure", "id": "x", "status": "completed", "performedDateTime": "not a date",
                 "subject": {"reference": "Patient/p1"}}""";

        PrefetchOutcome outcome = reader.read("conditions", json(bundle(PREGNANCY, OTHER, procedure)));

        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.resources())
                .extracting(r -> r.getIdElement().getIdPart())
                .containsExactly("preg");
    }

    @Test
    void unknownElementsAndNumbersWrittenAsTextAreTolerated() {
        String tolerant = PREGNANCY.replace(
                "\"onsetDateTime\"",
                "\"localFlag\": {\"anything\": [1, 2]}, \"_onsetDateTime\": {\"extension\": []}, "
                        + "\"note\": [{\"text\": 42}], \"onsetDateTime\"");

        PrefetchOutcome outcome = reader.read("conditions", json(bundle(tolerant)));

        assertThat(outcome.failed()).isFalse();
        Condition condition = (Condition) outcome.resources().get(0);
        assertThat(condition.getNoteFirstRep().getText()).isEqualTo("42");
        assertThat(condition.getOnsetDateTimeType().getValueAsString()).isEqualTo("2026-10-01");
    }

    @Test
    void anEntryListThatIsNotAListMakesTheKeyUnreadable() {
        String bundle =
                "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": {\"resource\": " + PREGNANCY + "}}";

        assertThat(reader.read("conditions", json(bundle)).failure())
                .isEqualTo("its entry is an object where a list is expected");
    }

    @Test
    void anEntryOrResourceThatIsNotAnObjectMakesTheKeyUnreadable() {
        assertThat(reader.read(
                                "conditions",
                                json("{\"resourceType\": \"Bundle\", \"type\": \"searchset\", "
                                        + "\"entry\": [\"Condition/preg\"]}"))
                        .failure())
                .isEqualTo("entry 1: the entry is text, not a JSON object");
        assertThat(reader.read(
                                "conditions",
                                json("{\"resourceType\": \"Bundle\", \"type\": \"searchset\", "
                                        + "\"entry\": [{\"resource\": [\"Condition/preg\"]}]}"))
                        .failure())
                .isEqualTo("entry 1: the resource is a list, not a JSON object");
        assertThat(reader.read(
                                "conditions",
                                json("{\"resourceType\": \"Bundle\", \"type\": \"searchset\", "
                                        + "\"entry\": [{\"fullUrl\": \"urn:uuid:1\"}]}"))
                        .failure())
                .isEqualTo("entry 1: the entry has no resource");
    }

    @Test
    void aSingleResourceOfTheWrongShapeIsUnreadableToo() {
        assertThat(reader.read("patient", json("{\"resourceType\": \"patient\", \"id\": \"p1\"}"))
                        .failure())
                .isEqualTo("resourceType 'patient' is not a FHIR R4 resource type");
        assertThat(reader.read("patient", json("{\"resourceType\": \"Patient\", \"id\": \"p1\", \"name\": \"Hanna\"}"))
                        .failure())
                .isEqualTo("Patient.name is text where a list is expected");
    }

    @Test
    void aTotalLargerThanTheEntriesWithNoNextLinkMeansTheKeyIsNotWhole() {
        String bundle = bundle(PREGNANCY).replace("\"type\": \"searchset\"", "\"type\": \"searchset\", \"total\": 2");

        assertThat(reader.read("conditions", json(bundle)).failure())
                .isEqualTo("the search found 2 entries but the Bundle holds 1, with no link to the next page");
        String whole =
                bundle(PREGNANCY, OTHER).replace("\"type\": \"searchset\"", "\"type\": \"searchset\", \"total\": 2");
        assertThat(reader.read("conditions", json(whole)).failed()).isFalse();
    }

    @Test
    void aNextLinkIsReportedWithThePage() {
        String bundle = bundle(PREGNANCY)
                .replace(
                        "\"type\": \"searchset\"",
                        "\"type\": \"searchset\", \"total\": 2, \"link\": [{\"relation\": \"next\", "
                                + "\"url\": \"https://ehr.example.org/fhir?_getpages=a\"}]");

        FhirJsonReader.Page page = reader.readPrefetch("conditions", json(bundle));

        assertThat(page.outcome().failed()).isFalse();
        assertThat(page.next()).isEqualTo("https://ehr.example.org/fhir?_getpages=a");
    }

    private static String bundle(String... resources) {
        StringBuilder entries = new StringBuilder();
        for (String resource : resources) {
            entries.append(entries.length() == 0 ? "" : ", ")
                    .append("{\"resource\": ")
                    .append(resource)
                    .append('}');
        }
        return String.format(
                Locale.ROOT, "{\"resourceType\": \"Bundle\", \"type\": \"searchset\", \"entry\": [%s]}", entries);
    }

    private static JsonNode json(String text) {
        try {
            return FhirJsonReader.JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
