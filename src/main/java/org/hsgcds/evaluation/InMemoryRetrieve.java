package org.hsgcds.evaluation;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;
import org.hsgcds.content.ValueSetIndex;
import org.opencds.cqf.cql.engine.model.ModelResolver;
import org.opencds.cqf.cql.engine.retrieve.RetrieveProvider;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.runtime.Interval;

/**
 * Answers CQL retrieves from one patient's record: by resource type, then by code (a value set
 * or a code list on the retrieve's code path). Date filters are left to the CQL. The record holds only this
 * patient's resources: the gatherers leave out (and report) what names another patient, since a reference to the
 * patient has several legal forms ({@code org.hsgcds.prefetch.PatientReferences}).
 */
final class InMemoryRetrieve implements RetrieveProvider {

    private final PatientRecord record;
    private final ValueSetIndex valueSets;
    private final ModelResolver modelResolver;

    InMemoryRetrieve(PatientRecord record, ValueSetIndex valueSets, ModelResolver modelResolver) {
        this.record = record;
        this.valueSets = valueSets;
        this.modelResolver = modelResolver;
    }

    @Override
    public Iterable<Object> retrieve(
            String context,
            String contextPath,
            Object contextValue,
            String dataType,
            String templateId,
            String codePath,
            Iterable<Code> codes,
            String valueSet,
            String datePath,
            String dateLowPath,
            String dateHighPath,
            Interval dateRange) {
        List<Resource> candidates = record.ofType(dataType);
        boolean filterByCode = codePath != null && (valueSet != null || codes != null);
        return candidates.stream()
                .filter(r -> !filterByCode || matches(r, codePath, codes, valueSet))
                .map(Object.class::cast)
                .toList();
    }

    private boolean matches(Resource resource, String codePath, Iterable<Code> codes, String valueSet) {
        Object value = modelResolver.resolvePath(resource, codePath);
        List<?> concepts = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
        for (Object concept : concepts) {
            List<Coding> codings = concept instanceof CodeableConcept cc
                    ? cc.getCoding()
                    : concept instanceof Coding c ? List.of(c) : List.of();
            for (Coding coding : codings) {
                if (valueSet != null && valueSets.contains(valueSet, coding.getSystem(), coding.getCode())) {
                    return true;
                }
                if (codes != null && matchesAny(coding, codes)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesAny(Coding coding, Iterable<Code> codes) {
        for (Code code : codes) {
            if (code.getCode() != null
                    && code.getCode().equals(coding.getCode())
                    && (code.getSystem() == null || code.getSystem().equals(coding.getSystem()))) {
                return true;
            }
        }
        return false;
    }
}
