package org.hsgcds.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.hsgcds.evaluation.PlannedDate;

/**
 * An Appointment from an appointment-book context that is, or may be, an HSG appointment: its reference,
 * the JSON the EHR sent, its planned date, whether its own codes say HSG, and the ids of the ServiceRequests
 * its {@code basedOn} names (looked up when its codes do not say HSG).
 */
record BookedAppointment(
        String reference, JsonNode json, PlannedDate planned, boolean hsgByCode, List<String> basedOnOrderIds) {

    BookedAppointment {
        basedOnOrderIds = List.copyOf(basedOnOrderIds);
    }

    boolean needsOrderLookup() {
        return !hsgByCode && !basedOnOrderIds.isEmpty();
    }
}
