package org.hsgcds.content;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One kind of card, bound to CQL expressions. The card is raised when any {@code evidence}
 * expression returns a non-empty list, or when the Boolean {@code when} expression is true.
 * {@code values} names expressions whose results fill {@code {{placeholders}}} in the text.
 */
public record CardDefinition(
        String id,
        String topic,
        String topicDisplay,
        String indicator,
        List<String> evidence,
        String when,
        Map<String, String> values,
        String summary,
        String detail,
        List<String> overrideReasons,
        List<SuggestionDefinition> suggestions,
        String selectionBehavior,
        boolean allClear,
        boolean suppressedByCritical,
        List<LinkDefinition> links,
        String raisedBy) {

    public CardDefinition {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        values = values == null ? Map.of() : Map.copyOf(values);
        overrideReasons = overrideReasons == null ? List.of() : List.copyOf(overrideReasons);
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        links = links == null ? List.of() : List.copyOf(links);
        id = id == null ? topic : id;
    }

    /** Raised by the service itself (e.g. "data-unavailable"), not by a CQL expression. */
    public boolean isRaisedByService() {
        return raisedBy != null;
    }

    /** A suggestion; when {@code when} names a Boolean expression, the suggestion is offered only when it is true. */
    public record SuggestionDefinition(String label, Boolean isRecommended, String when, List<ActionDefinition> actions) {
        public SuggestionDefinition {
            actions = actions == null ? List.of() : List.copyOf(actions);
        }
    }

    /**
     * A suggestion's action. {@code delete} removes the draft order; {@code update} sends the draft
     * order with the {@code patch} fields set; {@code create} carries a FHIR resource template. String
     * values in templates and patches may hold placeholders.
     */
    public record ActionDefinition(String type, String description, JsonNode resource, JsonNode patch) {
    }

    /** A link on the card; {@code url} may hold placeholders such as {@code {{baseUrl}}}. */
    public record LinkDefinition(String label, String url, String type) {
    }
}
