package org.hsgcds.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencds.cqf.cql.engine.fhir.model.R4FhirModelResolver;

class SharedModelResolverTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final R4FhirModelResolver engines = new R4FhirModelResolver(FHIR) { }; // its FhirContext constructor is protected
    private final SharedModelResolver shared = new SharedModelResolver(FHIR);

    @ParameterizedTest
    @CsvSource({
            "Patient, Condition, subject",
            "Patient, AllergyIntolerance, patient",
            "Patient, Observation, subject",
            "Patient, Procedure, subject",
            "Patient, Patient, id",
            "Unfiltered, Condition, ",
            "Patient, Organization, "})
    void remembersTheEnginesAnswerIncludingNone(String context, String target, String expected) {
        Object first = shared.getContextPath(context, target);
        Object again = shared.getContextPath(context, target);

        assertThat(first).isEqualTo(engines.getContextPath(context, target)).isEqualTo(expected);
        assertThat(again).isEqualTo(first);
    }
}
