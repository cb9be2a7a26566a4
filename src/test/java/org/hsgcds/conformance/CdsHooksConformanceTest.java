package org.hsgcds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link CdsHooksConformance}, broken one at a time on an otherwise conforming response:
 * the check must name it (the requirement matrix, docs/conformance/cds-hooks-2.0.md, cites these).
 */
class CdsHooksConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A critical card with two suggestions (create + delete), override reasons and an absolute link. */
    static ObjectNode conforming() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"cards": [{
                      "uuid": "0190f0a4-1c2b-7d3e-8f40-123456789abc",
                      "summary": "Pregnancy recorded: do not perform HSG",
                      "detail": "**Evidence**: Condition/preg-1",
                      "indicator": "critical",
                      "source": {"label": "HSG safety check",
                                 "topic": {"system": "TOPIC_SYSTEM", "code": "pregnancy", "display": "Pregnancy"}},
                      "selectionBehavior": "at-most-one",
                      "suggestions": [
                        {"label": "Order a urine hCG", "uuid": "0190f0a4-1c2b-7d3e-8f40-123456789abd", "isRecommended": true,
                         "actions": [{"type": "create", "description": "Draft an hCG order",
                                      "resource": {"resourceType": "ServiceRequest", "status": "draft"}}]},
                        {"label": "Cancel the HSG", "uuid": "0190f0a4-1c2b-7d3e-8f40-123456789abe",
                         "actions": [{"type": "delete", "description": "Remove the draft HSG order",
                                      "resourceId": "ServiceRequest/hsg-1"}]}],
                      "overrideReasons": [{"system": "http://hsg-cds.org/fhir/CodeSystem/override-reason",
                                           "code": "pregnancy-excluded", "display": "Pregnancy excluded today"}],
                      "links": [{"label": "Patient guide", "url": "https://cds.example.org/handouts/guide.html",
                                 "type": "absolute"}]
                    }]}
                    """.replace("TOPIC_SYSTEM", CdsHooksConformance.TOPIC_SYSTEM));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode card(ObjectNode response) {
        return (ObjectNode) response.get("cards").get(0);
    }

    private static ObjectNode suggestion(ObjectNode response, int i) {
        return (ObjectNode) card(response).get("suggestions").get(i);
    }

    private static ObjectNode action(ObjectNode response, int suggestion) {
        return (ObjectNode) suggestion(response, suggestion).get("actions").get(0);
    }

    private static ObjectNode link(ObjectNode response) {
        return (ObjectNode) card(response).get("links").get(0);
    }

    private static void assertProblem(Consumer<ObjectNode> breakIt, String expected) {
        ObjectNode response = conforming();
        breakIt.accept(response);
        assertThat(CdsHooksConformance.problems(response))
                .as(response.toString())
                .anySatisfy(p -> assertThat(p).contains(expected));
    }

    @Test
    void theConformingExampleHasNoProblem() {
        assertThat(CdsHooksConformance.problems(conforming())).isEmpty();
    }

    @Test
    void aResponseWithoutACardsArrayIsAProblem() {
        assertThat(CdsHooksConformance.problems(JSON.createObjectNode()))
                .containsExactly("response has no cards array");
        assertThat(CdsHooksConformance.problems(JSON.createObjectNode().put("cards", "none")))
                .containsExactly("response has no cards array");
        assertThat(CdsHooksConformance.problems(JSON.createArrayNode())).containsExactly("response has no cards array");
    }

    @Test
    void nullAndEmptyValuesAreProblemsButNoCardsIsAnEmptyArray() {
        ObjectNode none = JSON.createObjectNode();
        none.putArray("cards");
        assertThat(CdsHooksConformance.problems(none)).isEmpty();
        assertProblem(r -> card(r).putNull("detail"), "cards[0].detail is null");
        assertProblem(r -> card(r).put("detail", ""), "cards[0].detail is an empty string");
        assertProblem(r -> card(r).putArray("links"), "cards[0].links is an empty array");
        assertProblem(r -> card(r).putObject("extension"), "cards[0].extension is an empty object");
    }

    @Test
    void cardNeedsSummaryUnder140UuidIndicatorAndSourceLabel() {
        assertProblem(r -> card(r).remove("summary"), "summary is required");
        assertProblem(r -> card(r).put("summary", "x".repeat(140)), "under 140 characters");
        assertThat(problemsAfter(r -> card(r).put("summary", "x".repeat(139)))).isEmpty();
        assertProblem(r -> card(r).remove("uuid"), "uuid must be a uuid");
        assertProblem(r -> card(r).put("uuid", 42), "uuid must be a uuid");
        assertProblem(r -> card(r).remove("indicator"), "indicator must be info|warning|critical");
        assertProblem(r -> card(r).put("indicator", "hard-stop"), "indicator must be info|warning|critical");
        assertProblem(r -> card(r).remove("source"), "source.label is required");
        assertProblem(r -> ((ObjectNode) card(r).get("source")).put("label", 7), "source.label is required");
    }

    @Test
    void suggestionsNeedAnAllowedSelectionBehavior() {
        assertProblem(r -> card(r).remove("selectionBehavior"), "selectionBehavior is required with suggestions");
        assertProblem(r -> card(r).put("selectionBehavior", "all"), "selectionBehavior is required with suggestions");
        assertProblem(r -> card(r).remove("suggestions"), "selectionBehavior without suggestions");
        assertThat(problemsAfter(r -> card(r).put("selectionBehavior", "any"))).isEmpty();
    }

    @Test
    void suggestionNeedsALabelAUuidAndABooleanIsRecommended() {
        assertProblem(r -> suggestion(r, 0).remove("label"), "label is required");
        assertProblem(r -> suggestion(r, 0).put("uuid", "not-a-uuid"), "uuid must be a uuid");
        assertProblem(r -> suggestion(r, 0).put("isRecommended", "yes"), "isRecommended must be a boolean");
        assertProblem(r -> suggestion(r, 1).put("isRecommended", true), "more than one recommended suggestion");
    }

    @Test
    void actionsNeedAnAllowedTypeADescriptionAndResourceOrResourceId() {
        assertProblem(r -> action(r, 0).put("type", "patch"), "action type patch");
        assertProblem(r -> action(r, 0).remove("description"), "action description is required");
        assertProblem(r -> action(r, 0).remove("resource"), "create action needs a resource");
        assertProblem(r -> action(r, 0).put("resource", "ServiceRequest/1"), "create action needs a resource");
        assertProblem(r -> action(r, 1).remove("resourceId"), "delete action needs resourceId");
        assertProblem(r -> action(r, 1).put("resource", "ServiceRequest/hsg-1"), "delete action carries no resource");
        assertProblem(r -> action(r, 0).put("resourceId", 12), "resourceId must be a string");
    }

    @Test
    void overrideReasonsNeedSystemCodeAndDisplay() {
        assertProblem(r -> reasonOf(r).remove("display"), "overrideReasons need a display");
        assertProblem(r -> reasonOf(r).put("display", "  "), "overrideReasons need a display");
        assertProblem(r -> reasonOf(r).remove("code"), "overrideReasons need system and code");
        assertProblem(r -> reasonOf(r).put("system", 1), "overrideReasons need system and code");
        assertProblem(r -> card(r).remove("overrideReasons"), "critical without overrideReasons");
    }

    @Test
    void linksNeedLabelAbsoluteUrlAllowedTypeAndNoAppContextWhenAbsolute() {
        assertProblem(r -> link(r).remove("label"), "links need label and url");
        assertProblem(r -> link(r).remove("url"), "links need label and url");
        assertProblem(r -> link(r).put("url", "/handouts/guide.html"), "links.url must be an absolute URL");
        assertProblem(r -> link(r).put("type", "relative"), "links type absolute|smart");
        assertProblem(r -> link(r).put("appContext", "{\"order\":\"hsg-1\"}"), "appContext only on smart links");
        assertProblem(r -> link(r).put("type", "smart").put("appContext", 5), "appContext must be a string");
        assertThat(problemsAfter(r -> link(r).put("type", "smart").put("appContext", "order=hsg-1")))
                .isEmpty();
    }

    @Test
    void sourceUrlAndIconAreAbsoluteAndTheTopicIsACoding() {
        assertProblem(r -> sourceOf(r).put("url", "about-us.html"), "source.url must be an absolute URL");
        assertProblem(r -> sourceOf(r).put("icon", "icon.png"), "source.icon must be an absolute URL");
        assertThat(problemsAfter(r -> sourceOf(r)
                        .put("url", "https://cds.example.org/")
                        .put("icon", "https://cds.example.org/icon.png")))
                .isEmpty();
        assertProblem(r -> ((ObjectNode) sourceOf(r).get("topic")).remove("code"), "source.topic.code is required");
        assertProblem(r -> ((ObjectNode) sourceOf(r).get("topic")).put("system", "urn:other"), "source.topic.system");
        assertThat(problemsAfter(r -> ((ObjectNode) sourceOf(r).get("topic")).remove("display")))
                .as("a topic's display is optional")
                .isEmpty();
    }

    @Test
    void extensionsMustBeObjects() {
        assertProblem(r -> r.put("extension", "x"), "$.extension must be a JSON object");
        assertProblem(r -> card(r).putArray("extension").add(1), "cards[0].extension must be a JSON object");
        assertProblem(r -> suggestion(r, 0).put("extension", 3), "extension must be a JSON object");
        assertProblem(r -> action(r, 1).put("extension", true), "extension must be a JSON object");
        assertProblem(r -> link(r).put("extension", "x"), "links.extension must be a JSON object");
        assertThat(problemsAfter(r -> {
                    r.putObject("extension").put("org.example.trace", "abc");
                    ArrayNode fhirExtensions = ((ObjectNode) action(r, 0).get("resource")).putArray("extension");
                    fhirExtensions
                            .addObject()
                            .put("url", "http://example.org/x")
                            .put("valueString", "y");
                }))
                .as("an extension object is fine, and a FHIR resource's extension array is FHIR's business")
                .isEmpty();
    }

    private static ObjectNode reasonOf(ObjectNode response) {
        return (ObjectNode) card(response).get("overrideReasons").get(0);
    }

    private static ObjectNode sourceOf(ObjectNode response) {
        return (ObjectNode) card(response).get("source");
    }

    private static java.util.List<String> problemsAfter(Consumer<ObjectNode> change) {
        ObjectNode response = conforming();
        change.accept(response);
        JsonNode copy = response.deepCopy();
        return CdsHooksConformance.problems(copy);
    }
}
