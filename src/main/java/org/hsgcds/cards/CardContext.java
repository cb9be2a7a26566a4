package org.hsgcds.cards;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;

/**
 * What a card may say about the call it answers: the patient, the draft order it is about (as the
 * EHR sent it), the planned date the rules were evaluated for, today, the service's public base URL
 * (for links) and the data sources that could not be read.
 */
public record CardContext(
        String patientId,
        String orderReference,
        JsonNode draftOrder,
        LocalDate plannedDate,
        LocalDate today,
        String baseUrl,
        List<String> unavailableSources) {

    public CardContext {
        unavailableSources = List.copyOf(unavailableSources);
    }

    public boolean dataComplete() {
        return unavailableSources.isEmpty();
    }

    public CardContext withUnavailable(List<String> sources) {
        return new CardContext(patientId, orderReference, draftOrder, plannedDate, today, baseUrl, sources);
    }
}
