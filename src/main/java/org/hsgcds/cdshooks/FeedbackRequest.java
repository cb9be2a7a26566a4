package org.hsgcds.cdshooks;

import java.util.List;

/** The body of {@code POST /cds-services/{id}/feedback}, field names as in CDS Hooks 2.0; checked by {@link org.hsgcds.feedback.FeedbackValidator}. */
public record FeedbackRequest(List<Item> feedback) {

    /** One card's outcome. {@code acceptedSuggestions} is required when accepted, {@code overrideReason} optional when overridden. */
    public record Item(
            String card,
            String outcome,
            List<AcceptedSuggestion> acceptedSuggestions,
            OverrideReason overrideReason,
            String outcomeTimestamp) {}

    public record AcceptedSuggestion(String id) {}

    public record OverrideReason(Coding reason, String userComment) {}
}
