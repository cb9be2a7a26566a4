package org.hsgcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** Prefetch values as HAPI reads them: narratives are left out, the sent tree is not changed. */
class FhirJsonReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NARRATIVE =
            "{\"status\": \"generated\", \"div\": \"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">Jane &amp; co</div>\"}";
    private static final String BROKEN_NARRATIVE = "{\"status\": \"generated\", \"div\": \"<div><p>not closed</div>\"}";

    private final FhirJsonReader reader = new FhirJsonReader(
            FhirContext.forR4Cached(),
            resource -> !"Procedure".equals(resource.path("resourceType").asText()));

    @Test
    void aBundlesResourcesAreReadWithoutTheirNarrativesAndTheSentTreeIsUnchanged() throws Exception {
        JsonNode sent = JSON.readTree(fill("""
                {"resourceType": "Bundle", "type": "searchset", "text": %s, "entry": [
                  {"fullUrl": "http://ehr.example/fhir/Condition/c1", "resource": {"resourceType": "Condition", "id": "c1", "text": %s,
                    "code": {"text": "Acute cystitis", "coding": [{"system": "http://snomed.info/sct", "code": "307426000"}]},
                    "subject": {"reference": "Patient/p"}}},
                  {"resource": {"resourceType": "Condition", "id": "c2", "text": %s, "subject": {"reference": "Patient/p"}}},
                  {"resource": {"resourceType": "Procedure", "id": "dropped", "text": %s, "status": "completed", "subject": {"reference": "Patient/p"}}}
                ]}""", NARRATIVE, NARRATIVE, BROKEN_NARRATIVE, NARRATIVE));
        JsonNode before = sent.deepCopy();

        PrefetchOutcome outcome = reader.read("conditions", sent);

        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.resources())
                .extracting(r -> r.getIdElement().getIdPart())
                .containsExactly("c1", "c2");
        assertThat(outcome.resources())
                .allSatisfy(r -> assertThat(((DomainResource) r).hasText()).isFalse());
        Condition first = (Condition) outcome.resources().get(0);
        assertThat(first.getCode().getText()).isEqualTo("Acute cystitis"); // a concept's text is data, and kept
        assertThat(first.getCode().getCodingFirstRep().getCode()).isEqualTo("307426000");
        assertThat(sent).isEqualTo(before);
    }

    @Test
    void aSingleResourceIsReadWithoutItsNarrative() throws Exception {
        JsonNode sent = JSON.readTree(fill("""
                {"resourceType": "Patient", "id": "p", "text": %s, "gender": "female", "birthDate": "1990-04-02"}""", NARRATIVE));
        JsonNode before = sent.deepCopy();

        PrefetchOutcome outcome = reader.read("patient", sent);

        Patient patient = (Patient) outcome.resources().get(0);
        assertThat(patient.hasText()).isFalse();
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1990-04-02");
        assertThat(sent).isEqualTo(before);
    }

    @Test
    void anInvalidValueElsewhereStillMakesTheKeyUnreadable() throws Exception {
        JsonNode sent = JSON.readTree(fill("""
                {"resourceType": "Patient", "id": "p", "text": %s, "birthDate": "not a date"}""", NARRATIVE));

        assertThat(reader.read("patient", sent).failed()).isTrue();
    }

    private static String fill(String template, Object... values) {
        return String.format(java.util.Locale.ROOT, template, values);
    }
}
