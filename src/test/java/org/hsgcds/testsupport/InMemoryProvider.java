package org.hsgcds.testsupport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Read by id and search by {@code patient} (and, where the prefetch narrows it, {@code code} as a list of
 * system|code tokens) over resources held in memory, in the order they were stored.
 */
final class InMemoryProvider implements IResourceProvider {

    private final Class<? extends Resource> type;
    private final String patientPath;
    private final List<Resource> resources = new CopyOnWriteArrayList<>();
    private final FhirContext fhirContext;

    InMemoryProvider(FhirContext fhirContext, Class<? extends Resource> type, String patientPath) {
        this.fhirContext = fhirContext;
        this.type = type;
        this.patientPath = patientPath;
    }

    @Override
    public Class<? extends Resource> getResourceType() {
        return type;
    }

    void store(Resource resource) {
        resources.add(resource);
    }

    void clear() {
        resources.clear();
    }

    @Read
    public Resource read(@IdParam IdType id) {
        return resources.stream()
                .filter(r -> r.getIdElement().getIdPart().equals(id.getIdPart()))
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<Resource> byPatient(
            @RequiredParam(name = "patient") ReferenceParam patient,
            @OptionalParam(name = "code") TokenOrListParam code) {
        return resources.stream()
                .filter(r -> patientPath != null && patient.getIdPart().equals(patientOf(r)))
                .filter(r -> code == null || hasCode(r, code))
                .toList();
    }

    private boolean hasCode(Resource resource, TokenOrListParam code) {
        CodeableConcept concept = fhirContext.newTerser().getSingleValueOrNull(resource, "code", CodeableConcept.class);
        return concept != null
                && concept.getCoding().stream()
                        .anyMatch(coding -> code.getValuesAsQueryTokens().stream()
                                .anyMatch(token -> token.getValue().equals(coding.getCode())
                                        && (token.getSystem() == null
                                                || token.getSystem().equals(coding.getSystem()))));
    }

    private String patientOf(Resource resource) {
        Reference reference = fhirContext.newTerser().getSingleValueOrNull(resource, patientPath, Reference.class);
        IIdType id = reference == null ? null : reference.getReferenceElement();
        return id == null ? null : id.getIdPart();
    }
}
