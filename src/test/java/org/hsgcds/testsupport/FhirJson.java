package org.hsgcds.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small builders for FHIR JSON that tests write by hand. */
public final class FhirJson {

    private FhirJson() {}

    /**
     * Sets {@code field} of {@code parent} to a CodeableConcept with one coding; with a display, the coding carries it
     * and the concept's text repeats it. Returns the concept, to add more to it.
     */
    public static ObjectNode concept(ObjectNode parent, String field, String system, String code, String display) {
        ObjectNode concept = parent.putObject(field);
        ObjectNode coding =
                concept.putArray("coding").addObject().put("system", system).put("code", code);
        if (display != null) {
            coding.put("display", display);
            concept.put("text", display);
        }
        return concept;
    }
}
