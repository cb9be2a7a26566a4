package org.hsgcds.cards;

import java.time.LocalDate;
import java.util.List;

/**
 * What a card may say about the call it answers: the patient, the draft order it is about, the
 * planned date the rules were evaluated for, and the data sources that could not be read.
 */
public record CardContext(
        String patientId,
        String orderReference,
        LocalDate plannedDate,
        List<String> unavailableSources) {

    public CardContext {
        unavailableSources = List.copyOf(unavailableSources);
    }

    public boolean dataComplete() {
        return unavailableSources.isEmpty();
    }
}
