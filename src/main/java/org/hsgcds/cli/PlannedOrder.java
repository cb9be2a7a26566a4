package org.hsgcds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;

/** The HSG order the cards are about: its reference, its JSON (for suggestions) and the planned date. */
record PlannedOrder(String reference, JsonNode json, LocalDate plannedDate) {

    static final String HSG_SNOMED = "168884001";

    /** A draft HSG order (SNOMED CT 168884001) for the patient, planned on the given date. */
    static PlannedOrder defaultHsg(String patientId, LocalDate plannedDate) {
        ObjectNode order = new ObjectMapper().createObjectNode();
        order.put("resourceType", "ServiceRequest").put("id", "hsg-planned").put("status", "draft").put("intent", "order");
        order.putObject("code").putArray("coding").addObject()
                .put("system", "http://snomed.info/sct").put("code", HSG_SNOMED).put("display", "Hysterosalpingography");
        order.putObject("subject").put("reference", "Patient/" + patientId);
        order.put("occurrenceDateTime", plannedDate.toString());
        return new PlannedOrder("ServiceRequest/hsg-planned", order, plannedDate);
    }
}
