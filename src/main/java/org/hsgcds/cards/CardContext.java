package org.hsgcds.cards;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import org.hsgcds.evaluation.PlannedDate;

/**
 * What a card may say about the call it answers: the patient, the resource it is about (the draft order,
 * or the booked appointment, as the EHR sent it, with its reference), the planned date the rules were
 * evaluated for (and how precisely it was given), today, the service's public base URL (for links), the
 * data sources that could not be read, and, for an appointment, how the cards name it.
 */
public record CardContext(
        String patientId,
        String orderReference,
        JsonNode draftOrder,
        PlannedDate planned,
        LocalDate today,
        String baseUrl,
        List<String> unavailableSources,
        Appointment appointment) {

    /**
     * The card is about a booked appointment (appointment-book) rather than a draft order: suggestions come
     * from the cards' appointment variants, and the text names the appointment; by its id too when
     * {@code namedById} (the call holds more than one HSG appointment).
     */
    public record Appointment(boolean namedById) {}

    public CardContext {
        unavailableSources = List.copyOf(unavailableSources);
    }

    /** A context for a draft order. */
    public CardContext(
            String patientId,
            String orderReference,
            JsonNode draftOrder,
            PlannedDate planned,
            LocalDate today,
            String baseUrl,
            List<String> unavailableSources) {
        this(patientId, orderReference, draftOrder, planned, today, baseUrl, unavailableSources, null);
    }

    public LocalDate plannedDate() {
        return planned.date();
    }

    public boolean dataComplete() {
        return unavailableSources.isEmpty();
    }

    public boolean aboutAppointment() {
        return appointment != null;
    }

    public CardContext withUnavailable(List<String> sources) {
        return new CardContext(patientId, orderReference, draftOrder, planned, today, baseUrl, sources, appointment);
    }
}
