package org.hsgcds.content;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.hsgcds.cdshooks.Indicator;
import org.hsgcds.cdshooks.SelectionBehavior;

/**
 * One kind of card, bound to CQL expressions. The card is raised when any {@code evidence}
 * expression returns a non-empty list, or when the Boolean {@code when} expression is true.
 * {@code values} names expressions whose results fill {@code {{placeholders}}} in the text.
 */
public record CardDefinition(
        String id,
        String topic,
        String topicDisplay,
        Indicator indicator,
        List<String> evidence,
        String when,
        Map<String, String> values,
        String summary,
        String detail,
        List<String> overrideReasons,
        List<SuggestionDefinition> suggestions,
        SelectionBehavior selectionBehavior,
        boolean allClear,
        boolean suppressedByCritical,
        List<LinkDefinition> links,
        String raisedBy,
        List<SuggestionDefinition> appointmentSuggestions) {

    public CardDefinition {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        values = values == null ? Map.of() : Map.copyOf(values);
        overrideReasons = overrideReasons == null ? List.of() : List.copyOf(overrideReasons);
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        links = links == null ? List.of() : List.copyOf(links);
        id = id == null ? topic : id;
        appointmentSuggestions = appointmentSuggestions == null ? null : List.copyOf(appointmentSuggestions);
    }

    /**
     * The suggestions offered when the card is about a booked appointment (appointment-book): the card's
     * {@code appointmentSuggestions} when it declares them (an empty list offers none), else those of its
     * {@code suggestions} that only create resources, which fit an appointment as well as an order. A
     * suggestion that deletes or updates the draft order never reaches an appointment.
     */
    public List<SuggestionDefinition> suggestionsForAppointment() {
        if (appointmentSuggestions != null) {
            return appointmentSuggestions;
        }
        return suggestions.stream().filter(SuggestionDefinition::onlyCreates).toList();
    }

    /** Raised by the service itself (e.g. "data-unavailable"), not by a CQL expression. */
    public boolean isRaisedByService() {
        return raisedBy != null;
    }

    /** A suggestion; when {@code when} names a Boolean expression, the suggestion is offered only when it is true. */
    public record SuggestionDefinition(
            String label, Boolean isRecommended, String when, List<ActionDefinition> actions) {
        public SuggestionDefinition {
            actions = actions == null ? List.of() : List.copyOf(actions);
        }

        boolean onlyCreates() {
            return actions.stream().allMatch(a -> a.type() == ActionKind.CREATE);
        }
    }

    /**
     * A suggestion's action. {@code delete} removes the draft order; {@code update} sends the draft
     * order (or the appointment) with the {@code patch} fields set; {@code create} carries a FHIR resource
     * template; {@code reschedule} (appointments only) sends the appointment moved to {@code date}, keeping
     * its time of day and duration (with no start, its requested period becomes {@code date} to {@code until}).
     * String values in templates, patches, {@code date} and {@code until} may hold placeholders.
     */
    public record ActionDefinition(
            ActionKind type, String description, JsonNode resource, JsonNode patch, String date, String until) {}

    /** A link on the card; {@code url} may hold placeholders such as {@code {{baseUrl}}}. */
    public record LinkDefinition(String label, String url, String type) {}
}
