package org.hsgcds.scenarios;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * HAPI's instance validator (the R4 core profiles, in-memory terminology) over the Appointments that
 * appointment-book suggestions produce: errors and fatal messages only, with their locations.
 */
public final class AppointmentValidity {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static FhirValidator validator;

    private AppointmentValidity() {}

    /** The error messages for every Appointment a suggestion in the response sends (update or create). */
    public static List<String> problems(JsonNode response) {
        List<String> problems = new ArrayList<>();
        for (JsonNode card : response.path("cards")) {
            for (JsonNode suggestion : card.path("suggestions")) {
                for (JsonNode action : suggestion.path("actions")) {
                    JsonNode resource = action.path("resource");
                    if ("Appointment".equals(resource.path("resourceType").asText())) {
                        errors(resource)
                                .forEach(e ->
                                        problems.add(suggestion.path("label").asText() + ": " + e));
                    }
                }
            }
        }
        return problems;
    }

    /** The validator's error and fatal messages for one resource. */
    public static List<String> errors(JsonNode resource) {
        List<String> errors = new ArrayList<>();
        for (SingleValidationMessage message :
                validator().validateWithResult(resource.toString()).getMessages()) {
            if (message.getSeverity() == ResultSeverityEnum.ERROR
                    || message.getSeverity() == ResultSeverityEnum.FATAL) {
                errors.add(message.getLocationString() + " " + message.getMessage());
            }
        }
        return errors;
    }

    private static synchronized FhirValidator validator() {
        if (validator == null) {
            ValidationSupportChain support = new ValidationSupportChain(
                    new DefaultProfileValidationSupport(FHIR),
                    new InMemoryTerminologyServerValidationSupport(FHIR),
                    new CommonCodeSystemsTerminologyService(FHIR));
            FhirValidator made = FHIR.newValidator();
            made.registerValidatorModule(new FhirInstanceValidator(support));
            validator = made;
        }
        return validator;
    }
}
