package org.hsgcds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.hsgcds.conformance.CdsHooksConformance;

/** Compares one hook response with a scenario's "expect" block. */
public final class ScenarioAssertions {

    /** Topics that never stand beside eligible, at any indicator. */
    static final Set<String> NEVER_BESIDE_ELIGIBLE = Set.of(
            "pregnancy",
            "genital-inflammation",
            "contrast-allergy",
            "recent-uterine-event",
            "menstruation",
            "systemic-disease",
            "data-unavailable",
            "timing");

    static final Set<String> EXPECT_KEYS = Set.of(
            "status",
            "errorContains",
            "noCards",
            "present",
            "absent",
            "evidence",
            "detailContains",
            "count",
            "summaryContains",
            "detailNotContains",
            "suggestionLabelsContain",
            "noSuggestionLabelContains",
            "overrideReasonsAbsent",
            "indicators",
            "actionResource");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

    private ScenarioAssertions() {}

    public static void assertMatches(Scenario scenario, int status, JsonNode body) {
        JsonNode expect = scenario.expect();
        String label = scenario.name() + ": " + scenario.description();
        assertThat(status)
                .as(label + " status; body " + body)
                .isEqualTo(expect.path("status").asInt(200));
        if (status != 200) {
            assertThat(body.path("message").asText())
                    .as(label + " error message")
                    .isNotBlank();
            assertThat(body.toString()).as(label + " no stack trace").doesNotContain("at org.", "Exception");
            if (expect.has("errorContains")) {
                assertThat(body.path("message").asText())
                        .as(label)
                        .contains(expect.get("errorContains").asText());
            }
            return;
        }
        assertThat(CdsHooksConformance.problems(body))
                .as(label + " conformance")
                .isEmpty();
        List<String> topics = new ArrayList<>();
        body.path("cards")
                .forEach(c ->
                        topics.add(c.path("source").path("topic").path("code").asText()));
        if (expect.path("noCards").asBoolean(false)) {
            assertThat(topics).as(label + " cards").isEmpty();
        }
        expect.path("present").fields().forEachRemaining(e -> {
            JsonNode card = card(body, e.getKey());
            assertThat(card)
                    .as(label + " expected a '" + e.getKey() + "' card, got " + topics)
                    .isNotNull();
            assertThat(card.path("indicator").asText())
                    .as(label + " indicator of " + e.getKey())
                    .isEqualTo(e.getValue().asText());
        });
        expect.path("absent")
                .forEach(t -> assertThat(topics)
                        .as(label + " must not have '" + t.asText() + "'")
                        .doesNotContain(t.asText()));
        expect.path("evidence").fields().forEachRemaining(e -> {
            JsonNode card = card(body, e.getKey());
            assertThat(card).as(label + " card " + e.getKey()).isNotNull();
            e.getValue()
                    .forEach(ref -> assertThat(card.path("detail").asText())
                            .as(label + " evidence in " + e.getKey())
                            .contains(ref.asText()));
        });
        expect.path("detailContains").fields().forEachRemaining(e -> {
            JsonNode card = card(body, e.getKey());
            assertThat(card).as(label + " card " + e.getKey()).isNotNull();
            e.getValue()
                    .forEach(text -> assertThat(card.path("detail").asText())
                            .as(label + " detail of " + e.getKey())
                            .contains(text.asText()));
        });
        expect.path("count")
                .fields()
                .forEachRemaining(e -> assertThat(
                                topics.stream().filter(e.getKey()::equals).count())
                        .as(label + " number of " + e.getKey() + " cards")
                        .isEqualTo(e.getValue().asLong()));
        expect.path("summaryContains")
                .fields()
                .forEachRemaining(e -> e.getValue()
                        .forEach(text -> assertThat(texts(cardsOf(body, e.getKey(), label), "summary"))
                                .as(label + " summary of " + e.getKey())
                                .anySatisfy(summary -> assertThat(summary).contains(text.asText()))));
        expect.path("detailNotContains")
                .fields()
                .forEachRemaining(e -> e.getValue()
                        .forEach(text -> assertThat(texts(cardsOf(body, e.getKey(), label), "detail"))
                                .as(label + " detail of " + e.getKey())
                                .noneSatisfy(detail -> assertThat(detail).contains(text.asText()))));
        expect.path("suggestionLabelsContain")
                .fields()
                .forEachRemaining(e -> e.getValue()
                        .forEach(text -> assertThat(suggestionLabels(cardsOf(body, e.getKey(), label)))
                                .as(label + " suggestion labels of " + e.getKey())
                                .anySatisfy(l -> assertThat(l).contains(text.asText()))));
        expect.path("noSuggestionLabelContains")
                .fields()
                .forEachRemaining(e -> e.getValue()
                        .forEach(text -> assertThat(suggestionLabels(cardsOf(body, e.getKey(), label)))
                                .as(label + " suggestion labels of " + e.getKey())
                                .noneSatisfy(l -> assertThat(l).contains(text.asText()))));
        expect.path("overrideReasonsAbsent").fields().forEachRemaining(e -> {
            List<String> codes = new ArrayList<>();
            cardsOf(body, e.getKey(), label)
                    .forEach(c -> c.path("overrideReasons")
                            .forEach(r -> codes.add(r.path("code").asText())));
            e.getValue()
                    .forEach(code -> assertThat(codes)
                            .as(label + " override reasons of " + e.getKey())
                            .doesNotContain(code.asText()));
        });
        expect.path("indicators").fields().forEachRemaining(e -> {
            List<String> expected = new ArrayList<>();
            e.getValue().forEach(i -> expected.add(i.asText()));
            assertThat(texts(cardsOf(body, e.getKey(), label), "indicator").stream()
                            .sorted()
                            .toList())
                    .as(label + " indicators of the " + e.getKey() + " cards")
                    .isEqualTo(expected.stream().sorted().toList());
        });
        expect.path("actionResource").fields().forEachRemaining(e -> {
            JsonNode checks = e.getValue().isArray()
                    ? e.getValue()
                    : JsonNodeFactory.instance.arrayNode().add(e.getValue());
            JsonNode resource =
                    firstActionResource(cardsOf(body, e.getKey(), label).get(0));
            assertThat(resource)
                    .as(label + " " + e.getKey() + ": first suggestion's first create/update resource")
                    .isNotNull();
            checks.forEach(check -> {
                JsonNode actual = resource.at(check.path("path").asText());
                if (check.path("absent").asBoolean(false)) {
                    assertThat(actual.isMissingNode())
                            .as(label + " " + e.getKey() + " resource "
                                    + check.path("path").asText() + " should be absent, is " + actual)
                            .isTrue();
                    return;
                }
                assertThat(sameValue(actual, check.path("equals")))
                        .as(label + " " + e.getKey() + " resource "
                                + check.path("path").asText() + " = " + actual + ", expected " + check.path("equals"))
                        .isTrue();
            });
        });
        assertInvariants(label, topics, body);
    }

    /**
     * Safety invariants, checked on every scenario. An all-clear never stands beside a critical card, a
     * card of a contraindication topic at any indicator, data-unavailable or a timing card (RULES.md v2,
     * "Eligible, and which warnings may stand beside it"). Card text shows dates, never timestamps.
     */
    static void assertInvariants(String label, List<String> topics, JsonNode body) {
        // Cards about different appointments (appointment-book names each in the detail's first line) are
        // separate answers: the invariants hold within each.
        java.util.Map<String, List<JsonNode>> bySubject = new java.util.LinkedHashMap<>();
        for (JsonNode card : body.path("cards")) {
            String detail = card.path("detail").asText();
            String subject = detail.startsWith("**HSG appointment ")
                    ? detail.lines().findFirst().orElse("")
                    : "";
            bySubject.computeIfAbsent(subject, k -> new ArrayList<>()).add(card);
        }
        for (List<JsonNode> cards : bySubject.values()) {
            List<String> subjectTopics = cards.stream()
                    .map(c -> c.path("source").path("topic").path("code").asText())
                    .toList();
            if (subjectTopics.contains("eligible")) {
                assertThat(cards.stream().map(c -> c.path("indicator").asText()).toList())
                        .as(label + " eligible beside critical")
                        .doesNotContain("critical");
                assertThat(subjectTopics)
                        .as(label + " eligible beside a contraindication, data-unavailable or timing card")
                        .doesNotContainAnyElementsOf(NEVER_BESIDE_ELIGIBLE);
            }
        }
        for (JsonNode card : body.path("cards")) {
            List<String> texts = new ArrayList<>(
                    List.of(card.path("summary").asText(), card.path("detail").asText()));
            texts.addAll(suggestionLabels(List.of(card)));
            texts.forEach(text -> assertThat(TIMESTAMP.matcher(text).find())
                    .as(label + " card text shows a timestamp, not a date: " + text)
                    .isFalse());
        }
    }

    /**
     * Why a scenario is too weak to keep, or null: a 200 scenario that only says which cards must be
     * absent passes as well on an empty response, so it must also say what is present (or noCards).
     */
    public static String weakness(Scenario scenario) {
        JsonNode expect = scenario.expect();
        boolean weak = expect.has("absent")
                && !expect.has("present")
                && !expect.path("noCards").asBoolean(false)
                && expect.path("status").asInt(200) == 200;
        return weak ? scenario.name() + " asserts only absent cards: add what is present" : null;
    }

    /** Expect keys this class does not know: a misspelt key would otherwise assert nothing. */
    public static List<String> unknownExpectKeys(Scenario scenario) {
        List<String> unknown = new ArrayList<>();
        scenario.expect().fieldNames().forEachRemaining(k -> {
            if (!EXPECT_KEYS.contains(k)) {
                unknown.add(scenario.name() + ": unknown expect key '" + k + "'");
            }
        });
        return unknown;
    }

    private static List<JsonNode> cardsOf(JsonNode body, String topic, String label) {
        List<JsonNode> cards = new ArrayList<>();
        body.path("cards").forEach(c -> {
            if (topic.equals(c.path("source").path("topic").path("code").asText())) {
                cards.add(c);
            }
        });
        assertThat(cards).as(label + " expected a '" + topic + "' card").isNotEmpty();
        return cards;
    }

    private static List<String> texts(List<JsonNode> cards, String field) {
        return cards.stream().map(c -> c.path(field).asText()).toList();
    }

    private static List<String> suggestionLabels(List<JsonNode> cards) {
        List<String> labels = new ArrayList<>();
        cards.forEach(c ->
                c.path("suggestions").forEach(s -> labels.add(s.path("label").asText())));
        return labels;
    }

    private static JsonNode firstActionResource(JsonNode card) {
        for (JsonNode action : card.path("suggestions").path(0).path("actions")) {
            String type = action.path("type").asText();
            if (("create".equals(type) || "update".equals(type)) && action.has("resource")) {
                return action.get("resource");
            }
        }
        return null;
    }

    private static boolean sameValue(JsonNode actual, JsonNode expected) {
        if (actual.isNumber() && expected.isNumber()) {
            return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        return actual.equals(expected);
    }

    /** The first card of a response with this topic code, or null. */
    public static JsonNode card(JsonNode body, String topic) {
        for (JsonNode card : body.path("cards")) {
            if (topic.equals(card.path("source").path("topic").path("code").asText())) {
                return card;
            }
        }
        return null;
    }
}
