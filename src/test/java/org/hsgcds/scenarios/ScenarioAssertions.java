package org.hsgcds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.hsgcds.conformance.CdsHooksConformance;

/** Compares one hook response with a scenario's "expect" block. */
public final class ScenarioAssertions {

    private ScenarioAssertions() {
    }

    public static void assertMatches(Scenario scenario, int status, JsonNode body) {
        JsonNode expect = scenario.expect();
        String label = scenario.name() + ": " + scenario.description();
        assertThat(status).as(label + " status; body " + body).isEqualTo(expect.path("status").asInt(200));
        if (status != 200) {
            assertThat(body.path("message").asText()).as(label + " error message").isNotBlank();
            assertThat(body.toString()).as(label + " no stack trace").doesNotContain("at org.", "Exception");
            if (expect.has("errorContains")) {
                assertThat(body.path("message").asText()).as(label).contains(expect.get("errorContains").asText());
            }
            return;
        }
        assertThat(CdsHooksConformance.problems(body)).as(label + " conformance").isEmpty();
        List<String> topics = new ArrayList<>();
        body.path("cards").forEach(c -> topics.add(c.path("source").path("topic").path("code").asText()));
        if (expect.path("noCards").asBoolean(false)) {
            assertThat(topics).as(label + " cards").isEmpty();
        }
        expect.path("present").fields().forEachRemaining(e -> {
            JsonNode card = card(body, e.getKey());
            assertThat(card).as(label + " expected a '" + e.getKey() + "' card, got " + topics).isNotNull();
            assertThat(card.path("indicator").asText()).as(label + " indicator of " + e.getKey()).isEqualTo(e.getValue().asText());
        });
        expect.path("absent").forEach(t -> assertThat(topics).as(label + " must not have '" + t.asText() + "'").doesNotContain(t.asText()));
        expect.path("evidence").fields().forEachRemaining(e -> {
            JsonNode card = card(body, e.getKey());
            assertThat(card).as(label + " card " + e.getKey()).isNotNull();
            e.getValue().forEach(ref -> assertThat(card.path("detail").asText()).as(label + " evidence in " + e.getKey()).contains(ref.asText()));
        });
        expect.path("detailContains").fields().forEachRemaining(e -> {
            JsonNode card = card(body, e.getKey());
            assertThat(card).as(label + " card " + e.getKey()).isNotNull();
            e.getValue().forEach(text -> assertThat(card.path("detail").asText()).as(label + " detail of " + e.getKey()).contains(text.asText()));
        });
        expect.path("count").fields().forEachRemaining(e -> assertThat(topics.stream().filter(e.getKey()::equals).count())
                .as(label + " number of " + e.getKey() + " cards").isEqualTo(e.getValue().asLong()));
        // Safety invariant, checked on every scenario: an all-clear never stands beside a critical or data-unavailable card.
        if (topics.contains("eligible")) {
            assertThat(body.findValuesAsText("indicator")).as(label + " eligible beside critical").doesNotContain("critical");
            assertThat(topics).as(label + " eligible beside data-unavailable").doesNotContain("data-unavailable");
        }
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
