package org.hsgcds.knowledge;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the FHIR endpoints, as a FHIR server answers them: an {@code OperationOutcome} in
 * {@code application/fhir+json}, not the API's {@code {status, error, message}}. Scoped to
 * {@link FhirKnowledgeController}; everything else (401 before the controller, 500) stays with
 * {@code web.ApiErrorHandler}.
 */
@RestControllerAdvice(assignableTypes = FhirKnowledgeController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class FhirErrorHandler {

    private final FhirContext fhir;

    FhirErrorHandler(FhirContext fhir) {
        this.fhir = fhir;
    }

    @ExceptionHandler(FhirProblem.class)
    ResponseEntity<String> problem(FhirProblem e) {
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(e.status()).contentType(FhirFormat.JSON.mediaType());
        if (e.status() == HttpStatus.METHOD_NOT_ALLOWED) {
            response.header(HttpHeaders.ALLOW, "GET, HEAD");
        }
        return response.body(fhir.newJsonParser().encodeResourceToString(outcome(e.issue(), e.getMessage())));
    }

    static OperationOutcome outcome(OperationOutcome.IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.setText(FhirKnowledge.narrative(diagnostics));
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type)
                .setDiagnostics(diagnostics);
        return outcome;
    }
}
