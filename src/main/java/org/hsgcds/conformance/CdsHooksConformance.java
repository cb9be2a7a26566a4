package org.hsgcds.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a hook response in two parts: against CDS Hooks 2.0 itself (required fields, enumerations, the
 * 140-character summary, selectionBehavior with suggestions, action shapes), and against this service's
 * house rules, which are stricter (uuids everywhere, a topic, no empty values, overrideReasons on critical
 * cards). Another service's response can break a house rule and still conform.
 * One implementation for two users: the test suite runs it on every response it gets, and the
 * workbench runs it on the responses it shows ({@code POST /workbench/api/conformance}).
 */
public final class CdsHooksConformance {

    /** What {@link #specProblems} checks, in words: what CDS Hooks 2.0 itself requires of a response. */
    public static final List<String> SPEC_CHECKS = List.of(
            "a cards array",
            "each card: a summary under 140 characters, indicator info|warning|critical, source.label",
            "suggestions: a label each; selectionBehavior at-most-one|any when there are suggestions",
            "actions: type create|update|delete with a description; delete names a resourceId, create and update carry a resource",
            "overrideReasons carry system, code and display; links carry label, an absolute url and type absolute|smart, and appContext only when smart",
            "source.url and source.icon, when present, are absolute URLs; isRecommended is a boolean; a delete action carries no resource",
            "every extension (response, card, source, suggestion, action, link) is a JSON object");

    /**
     * What {@link #houseProblems} checks: rules this service keeps for its own responses, stricter than the
     * specification. Another service's response may break them and still conform to CDS Hooks 2.0.
     */
    public static final List<String> HOUSE_CHECKS = List.of(
            "no null, empty string, empty array or empty object anywhere (except cards: [])",
            "a uuid on every card and every suggestion (so that feedback can name them)",
            "source.topic with the hsg-cds topic system and a code",
            "at most one isRecommended suggestion, and no selectionBehavior without suggestions",
            "a critical card offers overrideReasons");

    /** Both lists: what {@link #problems} checks. */
    public static final List<String> DESCRIPTION = java.util.stream.Stream.concat(
                    SPEC_CHECKS.stream(), HOUSE_CHECKS.stream())
            .toList();

    private static final Set<String> INDICATORS = Set.of("info", "warning", "critical");
    private static final Set<String> BEHAVIOURS = Set.of("at-most-one", "any");
    private static final Set<String> ACTIONS = Set.of("create", "update", "delete");
    private static final Set<String> LINK_TYPES = Set.of("absolute", "smart");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    public static final String TOPIC_SYSTEM = "http://hsg-cds.org/fhir/CodeSystem/hsg-card-topic";

    private CdsHooksConformance() {}

    /** @return the problems found, against the specification and the house rules; empty when both are kept */
    public static List<String> problems(JsonNode response) {
        Result result = check(response);
        List<String> all = new ArrayList<>(result.spec());
        all.addAll(result.house());
        return all;
    }

    /** @return what breaks CDS Hooks 2.0 itself; empty when the response conforms to the specification */
    public static List<String> specProblems(JsonNode response) {
        return check(response).spec();
    }

    /** @return what breaks this service's house rules ({@link #HOUSE_CHECKS}) */
    public static List<String> houseProblems(JsonNode response) {
        return check(response).house();
    }

    private record Result(List<String> spec, List<String> house) {}

    private static Result check(JsonNode response) {
        List<String> spec = new ArrayList<>();
        List<String> house = new ArrayList<>();
        if (!response.isObject()
                || !response.has("cards")
                || !response.get("cards").isArray()) {
            spec.add("response has no cards array");
            return new Result(spec, house);
        }
        noEmptyValues(response, "$", house, true);
        extension(response, "$", spec);
        int i = 0;
        for (JsonNode card : response.get("cards")) {
            checkCard(card, "cards[" + i++ + "]", spec, house);
        }
        return new Result(spec, house);
    }

    private static void checkCard(JsonNode card, String at, List<String> problems, List<String> house) {
        String summary = card.path("summary").asText("");
        require(!summary.isEmpty(), at + ".summary is required", problems);
        require(summary.length() < 140, at + ".summary must be under 140 characters", problems);
        require(UUID.matcher(card.path("uuid").asText("")).matches(), at + ".uuid must be a uuid", house);
        require(
                INDICATORS.contains(card.path("indicator").asText()),
                at + ".indicator must be info|warning|critical",
                problems);
        JsonNode source = card.path("source");
        require(source.path("label").isTextual(), at + ".source.label is required", problems);
        require(TOPIC_SYSTEM.equals(source.path("topic").path("system").asText()), at + ".source.topic.system", house);
        require(source.path("topic").path("code").isTextual(), at + ".source.topic.code is required", house);
        absoluteUrlIfPresent(source, "url", at + ".source", problems);
        absoluteUrlIfPresent(source, "icon", at + ".source", problems);
        extension(card, at, problems);
        extension(source, at + ".source", problems);
        JsonNode suggestions = card.path("suggestions");
        if (suggestions.isArray() && !suggestions.isEmpty()) {
            require(
                    BEHAVIOURS.contains(card.path("selectionBehavior").asText()),
                    at + ".selectionBehavior is required with suggestions",
                    problems);
            int recommended = 0;
            int j = 0;
            for (JsonNode suggestion : suggestions) {
                String sat = at + ".suggestions[" + j++ + "]";
                require(suggestion.path("label").isTextual(), sat + ".label is required", problems);
                require(
                        UUID.matcher(suggestion.path("uuid").asText("")).matches(),
                        sat + ".uuid must be a uuid",
                        house);
                require(
                        !suggestion.has("isRecommended")
                                || suggestion.get("isRecommended").isBoolean(),
                        sat + ".isRecommended must be a boolean",
                        problems);
                extension(suggestion, sat, problems);
                recommended += suggestion.path("isRecommended").asBoolean(false) ? 1 : 0;
                for (JsonNode action : suggestion.path("actions")) {
                    String type = action.path("type").asText();
                    extension(action, sat + " action", problems);
                    require(
                            !action.has("resourceId")
                                    || action.get("resourceId").isTextual(),
                            sat + " action resourceId must be a string",
                            problems);
                    require(ACTIONS.contains(type), sat + " action type " + type, problems);
                    require(action.path("description").isTextual(), sat + " action description is required", problems);
                    if ("delete".equals(type)) {
                        require(
                                action.path("resourceId").isTextual(),
                                sat + " delete action needs resourceId",
                                problems);
                        require(!action.has("resource"), sat + " delete action carries no resource", problems);
                    } else {
                        require(
                                action.path("resource").path("resourceType").isTextual(),
                                sat + " " + type + " action needs a resource",
                                problems);
                    }
                }
            }
            require(recommended <= 1, at + " has more than one recommended suggestion", house);
        } else {
            require(!card.has("selectionBehavior"), at + ".selectionBehavior without suggestions", house);
        }
        for (JsonNode reason : card.path("overrideReasons")) {
            require(
                    reason.path("code").isTextual() && reason.path("system").isTextual(),
                    at + ".overrideReasons need system and code",
                    problems);
            require(
                    reason.path("display").isTextual()
                            && !reason.path("display").asText().isBlank(),
                    at + ".overrideReasons need a display",
                    problems);
        }
        for (JsonNode link : card.path("links")) {
            require(
                    link.path("label").isTextual() && link.path("url").isTextual(),
                    at + ".links need label and url",
                    problems);
            require(LINK_TYPES.contains(link.path("type").asText()), at + ".links type absolute|smart", problems);
            absoluteUrlIfPresent(link, "url", at + ".links", problems);
            require(
                    !link.has("appContext") || link.get("appContext").isTextual(),
                    at + ".links appContext must be a string",
                    problems);
            require(
                    !link.has("appContext") || "smart".equals(link.path("type").asText()),
                    at + ".links appContext only on smart links",
                    problems);
            extension(link, at + ".links", problems);
        }
        if ("critical".equals(card.path("indicator").asText())) {
            require(card.path("overrideReasons").size() > 0, at + " is critical without overrideReasons", house);
        }
    }

    private static void noEmptyValues(JsonNode node, String at, List<String> problems, boolean top) {
        if (node.isNull()) {
            problems.add(at + " is null");
        } else if (node.isTextual() && node.asText().isEmpty()) {
            problems.add(at + " is an empty string");
        } else if (node.isArray()) {
            if (node.isEmpty() && !(top || at.equals("$.cards"))) {
                problems.add(at + " is an empty array");
            }
            for (int i = 0; i < node.size(); i++) {
                noEmptyValues(node.get(i), at + "[" + i + "]", problems, false);
            }
        } else if (node.isObject()) {
            if (node.isEmpty()) {
                problems.add(at + " is an empty object");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                noEmptyValues(field.getValue(), at + "." + field.getKey(), problems, false);
            }
        }
    }

    /** An absolute URL (with a scheme and a host) when the field is there. */
    private static void absoluteUrlIfPresent(JsonNode node, String field, String at, List<String> problems) {
        if (!node.has(field)) {
            return;
        }
        boolean absolute;
        try {
            URI uri = new URI(node.get(field).asText(""));
            absolute = node.get(field).isTextual() && uri.isAbsolute() && uri.getHost() != null;
        } catch (URISyntaxException e) {
            absolute = false;
        }
        require(absolute, at + "." + field + " must be an absolute URL", problems);
    }

    /** CDS Hooks extensions are JSON objects (FHIR resources inside actions have their own extension arrays). */
    private static void extension(JsonNode node, String at, List<String> problems) {
        require(
                !node.has("extension") || node.get("extension").isObject(),
                at + ".extension must be a JSON object",
                problems);
    }

    private static void require(boolean ok, String problem, List<String> problems) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
