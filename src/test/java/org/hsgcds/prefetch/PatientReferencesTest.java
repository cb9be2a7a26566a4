package org.hsgcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** References to the patient in every legal form are this patient; only a clear other Patient is another. */
class PatientReferencesTest {

    private final PatientReferences references = new PatientReferences(
            "p1",
            Map.of(
                    "urn:uuid:aaaa-ours", "p1",
                    "urn:uuid:bbbb-other", "p2",
                    "urn:uuid:cccc-no-id", ""));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Patient/p1",
                "https://ehr.example.org/fhir/Patient/p1",
                "https://ehr.example.org/fhir/Patient/p1/_history/1",
                "Patient/p1/_history/7",
                "urn:uuid:aaaa-ours",
                "urn:uuid:unresolved",
                "urn:oid:1.2.3",
                "urn:uuid:cccc-no-id",
                "#contained",
                "Group/g1",
                "Patient?identifier=x|1",
                ""
            })
    void theseAreThisPatient(String reference) {
        assertThat(references.isAnotherPatient(reference)).isFalse();
        assertThat(references.namesAnotherPatient(new Condition().setSubject(new Reference(reference))))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Patient/p2",
                "https://ehr.example.org/fhir/Patient/p2",
                "https://ehr.example.org/fhir/Patient/p2/_history/1",
                "urn:uuid:bbbb-other",
                "Patient/p1x"
            })
    void theseAreAnotherPatient(String reference) {
        assertThat(references.isAnotherPatient(reference)).isTrue();
    }

    @Test
    void allergiesNameThePatientInPatientAndOtherResourcesInSubject() {
        assertThat(references.namesAnotherPatient(new AllergyIntolerance().setPatient(new Reference("Patient/p2"))))
                .isTrue();
        assertThat(references.namesAnotherPatient(new Observation().setSubject(new Reference("urn:uuid:bbbb-other"))))
                .isTrue();
        assertThat(references.namesAnotherPatient(new Observation())).isFalse();
        assertThat(references.namesAnotherPatient(new Observation().setSubject(new Reference().setDisplay("Hanna"))))
                .isFalse();
    }

    @Test
    void aPatientResourceIsAnotherPatientOnlyWhenItsIdDiffers() {
        assertThat(references.namesAnotherPatient(new Patient().setId("p1"))).isFalse();
        assertThat(references.namesAnotherPatient(new Patient())).isFalse();
        assertThat(references.namesAnotherPatient(new Patient().setId("p2"))).isTrue();
    }

    @Test
    void aPatientReadFromABundleEntryIsKnownByTheIdItsFullUrlMapsTo() {
        // HAPI gives a Bundle entry's resource its fullUrl as id.
        assertThat(references.namesAnotherPatient(new Patient().setId("urn:uuid:aaaa-ours")))
                .isFalse();
        assertThat(references.namesAnotherPatient(new Patient().setId("urn:uuid:bbbb-other")))
                .isTrue();
        assertThat(references.namesAnotherPatient(new Patient().setId("urn:uuid:unknown")))
                .isFalse();
        assertThat(references.idOf((Patient) new Patient().setId("urn:uuid:aaaa-ours")))
                .isEqualTo("p1");
    }
}
