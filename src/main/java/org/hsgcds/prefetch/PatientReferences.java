package org.hsgcds.prefetch;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Whether a resource names another patient than the call's. References to the patient come as {@code Patient/123},
 * as an absolute URL ending in {@code Patient/123} (with or without {@code /_history/n}), or as a {@code urn:uuid:}
 * that a Bundle entry's {@code fullUrl} maps to the Patient. Only a reference that clearly names another Patient
 * counts as another patient; anything this class cannot resolve (an unknown {@code urn:uuid:}, a contained or
 * identifier-only reference, no reference) is taken to be this patient, so a record is never lost to a form of
 * reference the service does not follow.
 */
final class PatientReferences {

    private final String patientId;
    private final Map<String, String> patientUrls;

    /**
     * @param patientUrls the {@code fullUrl} of each Patient entry in the call's Bundles, with the Patient's id ("" when
     *     it has none)
     */
    PatientReferences(String patientId, Map<String, String> patientUrls) {
        this.patientId = patientId;
        this.patientUrls = Map.copyOf(patientUrls);
    }

    /** True when the resource's subject or patient (or, for a Patient, its id) clearly names another patient. */
    boolean namesAnotherPatient(Resource resource) {
        if (resource instanceof Patient patient) {
            String id = idOf(patient);
            return id != null && !id.isEmpty() && !id.equals(patientId);
        }
        for (String name : List.of("subject", "patient")) {
            Property property = resource.getNamedProperty(name);
            if (property == null) {
                continue;
            }
            for (Base value : property.getValues()) {
                if (value instanceof Reference reference && isAnotherPatient(reference.getReference())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A Patient's id as the EHR wrote it: HAPI gives a Bundle entry's resource the entry's {@code fullUrl} as its id,
     * so a Patient sent under a {@code urn:uuid:} is looked up by it; null when unknown.
     */
    String idOf(Patient patient) {
        String full = patient.getIdElement().getValue();
        if (full == null) {
            return null;
        }
        String mapped = patientUrls.get(full);
        if (mapped != null) {
            return mapped.isEmpty() ? null : mapped;
        }
        return full.startsWith("urn:") ? null : patient.getIdElement().getIdPart();
    }

    /** True when the reference text clearly names a Patient other than this one. */
    boolean isAnotherPatient(String reference) {
        if (reference == null || reference.isBlank() || reference.startsWith("#")) {
            return false;
        }
        String mapped = patientUrls.get(reference);
        if (mapped != null) {
            return !mapped.isEmpty() && !mapped.equals(patientId);
        }
        if (reference.startsWith("urn:")) {
            return false; // a urn:uuid: or urn:oid: no entry resolves: taken to be this patient
        }
        String id = patientIdIn(reference);
        return id != null && !id.equals(patientId);
    }

    /** The id after the last {@code Patient/} segment, without any {@code /_history/n}; null when there is none. */
    static String patientIdIn(String reference) {
        String path = reference;
        int query = path.indexOf('?');
        if (query >= 0) {
            return null; // a conditional reference names no id
        }
        int history = path.indexOf("/_history/");
        if (history >= 0) {
            path = path.substring(0, history);
        }
        String[] segments = path.split("/", -1);
        if (segments.length < 2 || !"Patient".equals(segments[segments.length - 2])) {
            return null;
        }
        String id = segments[segments.length - 1];
        return id.isEmpty() ? null : id;
    }
}
