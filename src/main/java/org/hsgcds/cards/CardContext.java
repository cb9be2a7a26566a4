package org.hsgcds.cards;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import org.hsgcds.evaluation.PlannedDate;

/**
 * What a card may say about the call it answers: the patient, the draft order it is about (as the
 * EHR sent it), the planned date the rules were evaluated for (and how precisely the order gave it),
 * today, the service's public base URL (for links) and the data sources that could not be read.
 */
public record CardContext(
        String patientId,
        String orderReference,
        JsonNode draftOrder,
        PlannedDate planned,
        LocalDate today,
        String baseUrl,
        List<String> unavailableSources) {

    public CardContext {
        unavailableSources = List.copyOf(unavailableSources);
    }

    /** A context for an order dated to the day. */
    public CardContext(String patientId, String orderReference, JsonNode draftOrder, LocalDate plannedDate, LocalDate today,
            String baseUrl, List<String> unavailableSources) {
        this(patientId, orderReference, draftOrder, PlannedDate.on(plannedDate), today, baseUrl, unavailableSources);
    }

    public LocalDate plannedDate() {
        return planned.date();
    }

    public boolean dataComplete() {
        return unavailableSources.isEmpty();
    }

    public CardContext withUnavailable(List<String> sources) {
        return new CardContext(patientId, orderReference, draftOrder, planned, today, baseUrl, sources);
    }
}
