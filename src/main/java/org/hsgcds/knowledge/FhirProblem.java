package org.hsgcds.knowledge;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.HttpStatus;

/** A FHIR request this server refuses, answered as an {@code OperationOutcome} by {@link FhirErrorHandler}. */
final class FhirProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final transient OperationOutcome.IssueType issue;

    FhirProblem(HttpStatus status, OperationOutcome.IssueType issue, String diagnostics) {
        super(diagnostics, null, false, false);
        this.status = status;
        this.issue = issue;
    }

    HttpStatus status() {
        return status;
    }

    OperationOutcome.IssueType issue() {
        return issue;
    }
}
