package org.hsgcds.cdshooks;

import java.util.List;

/** A CDS Hooks 2.0 card. Empty fields are left out of the JSON (the spec forbids null and empty values). */
public record Card(
        String uuid,
        String summary,
        String detail,
        Indicator indicator,
        Source source,
        List<Suggestion> suggestions,
        SelectionBehavior selectionBehavior,
        List<Coding> overrideReasons,
        List<Link> links) {

    public Card {
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        overrideReasons = overrideReasons == null ? List.of() : List.copyOf(overrideReasons);
        links = links == null ? List.of() : List.copyOf(links);
    }

    public record Source(String label, String url, Coding topic) {}

    public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {}

    /** {@code resource} for create/update, {@code resourceId} for delete. */
    public record Action(ActionType type, String description, Object resource, String resourceId) {}

    public record Link(String label, String url, String type) {}
}
