package org.hsgcds.feedback;

import java.util.List;
import org.hsgcds.hooks.Coding;

/** The body of {@code POST /cds-services/{id}/feedback}, field names as in CDS Hooks 2.0; checked by {@link FeedbackValidator}. */
record FeedbackRequest(List<Item> feedback) {

    /** One card's outcome. {@code acceptedSuggestions} is required when accepted, {@code overrideReason} optional when overridden. */
    record Item(
            String card,
            String outcome,
            List<AcceptedSuggestion> acceptedSuggestions,
            OverrideReason overrideReason,
            String outcomeTimestamp) {
    }

    record AcceptedSuggestion(String id) {
    }

    record OverrideReason(Coding reason, String userComment) {
    }
}
