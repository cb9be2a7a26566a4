package org.hsgcds.prefetch;

import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * What was gathered for one call: the resources, and the prefetch keys that failed (an
 * OperationOutcome, an unreadable body, a failed fetch) with a short reason each.
 */
public record PatientData(List<Resource> resources, List<String> unavailable) {

    public PatientData {
        resources = List.copyOf(resources);
        unavailable = List.copyOf(unavailable);
    }
}
