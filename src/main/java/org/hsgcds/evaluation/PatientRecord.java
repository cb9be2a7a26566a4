package org.hsgcds.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;

/** The FHIR resources known about one patient, grouped by resource type for retrieval. */
public final class PatientRecord {

    private final String patientId;
    private final Map<String, List<Resource>> byType;

    private PatientRecord(String patientId, Map<String, List<Resource>> byType) {
        this.patientId = patientId;
        this.byType = byType;
    }

    public static PatientRecord of(String patientId, Collection<? extends Resource> resources) {
        Map<String, List<Resource>> byType = new HashMap<>();
        for (Resource resource : resources) {
            byType.computeIfAbsent(resource.fhirType(), t -> new ArrayList<>()).add(resource);
        }
        byType.replaceAll((type, list) -> List.copyOf(list));
        return new PatientRecord(patientId, Map.copyOf(byType));
    }

    public String patientId() {
        return patientId;
    }

    public List<Resource> ofType(String type) {
        return byType.getOrDefault(type, List.of());
    }
}
