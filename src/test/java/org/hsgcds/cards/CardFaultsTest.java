package org.hsgcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.hsgcds.cdshooks.ActionType;
import org.hsgcds.cdshooks.Card;
import org.hsgcds.cdshooks.Indicator;
import org.hsgcds.content.ActionKind;
import org.hsgcds.content.CardDefinition;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.evaluation.PatientRecord;
import org.hsgcds.evaluation.PlannedDate;
import org.hsgcds.evaluation.RuleEvaluator;
import org.hsgcds.evaluation.RuleResults;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.CardJson;
import org.hsgcds.testsupport.ShippedContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A fault after evaluation never loses a card: a suggestion that cannot be built is left out, evidence
 * that cannot be described is listed by reference, text that cannot be filled in shows "?"; each fault
 * is logged at ERROR by type and counted by stage. The record is the menstruation scenario (a critical
 * card with a reschedule and a cancel suggestion).
 */
@ExtendWith(OutputCaptureExtension.class)
class CardFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    private static CompiledContent content;
    private static RuleResults results;
    private static Scenario scenario;

    private final List<String> faults = new ArrayList<>();

    @BeforeAll
    static void evaluate() {
        FhirContext fhir = FhirContext.forR4Cached();
        content = ShippedContent.get();
        scenario =
                Scenario.load(Path.of("src/test/resources/scenarios/menstruation-reschedule-suggestion.json"), TODAY);
        List<Resource> resources = scenario.resources().stream()
                .map(r -> (Resource) fhir.newJsonParser().parseResource(r.toString()))
                .toList();
        results = new RuleEvaluator(content)
                .evaluate(PatientRecord.of(Scenario.PATIENT_ID, resources), scenario.plannedDate(), TODAY);
    }

    @ParameterizedTest(name = "draft order with a field named exactly \"{0}\"")
    @ValueSource(strings = {"occurrence", "quantity", "asNeeded"})
    void choiceStemFieldInDraftOrderDoesNotBreakTheUpdateSuggestion(String field) {
        ObjectNode order = draftOrder();
        order.put(field, "2026-12-01");
        Card menstruation = critical(
                new CardAssembler(content.cards(), content.protocol(), faults::add).cards(results, context(order)));
        JsonNode updated = update(menstruation);
        assertThat(updated.path("occurrenceDateTime").asText()).isNotEmpty();
        if ("occurrence".equals(field)) {
            assertThat(updated.has("occurrence"))
                    .as("a bare choice stem is a stale variant of the patched field")
                    .isFalse();
        }
        assertThat(faults).isEmpty();
    }

    @ParameterizedTest(name = "patch sets {0}X while the draft order has a field named exactly \"{0}\"")
    @ValueSource(strings = {"quantity", "asNeeded"})
    void patchOfOtherChoiceElementsReplacesTheBareStem(String stem) {
        var definition = CardJson.card("""
                {
                  "id": "x", "topic": "x", "topicDisplay": "X", "indicator": "critical",
                  "summary": "S", "detail": "D", "selectionBehavior": "at-most-one",
                  "suggestions": [{"label": "Change", "actions": [
                    {"type": "update", "description": "Change it", "patch": {"%sBoolean": true}}
                  ]}]
                }
                """.replace("%s", stem));
        ObjectNode order = draftOrder();
        order.put(stem, "odd");
        order.put(stem + "String", "other");
        List<Card.Suggestion> built = new SuggestionBuilder(faults::add)
                .build(definition, new CardValues(new EvidenceFormatter(), TODAY), context(order), expression -> true);
        JsonNode resource = JSON.valueToTree(built.get(0).actions().get(0)).get("resource");
        assertThat(resource.get(stem + "Boolean").asBoolean()).isTrue();
        assertThat(resource.has(stem)).isFalse();
        assertThat(resource.has(stem + "String")).isFalse();
    }

    @Test
    void aSuggestionThatFailsIsDroppedAndTheCardKeepsTheOthers(CapturedOutput output) {
        SuggestionBuilder failingUpdates = new SuggestionBuilder(faults::add) {
            @Override
            Card.Suggestion suggestion(CardDefinition.SuggestionDefinition s, CardValues values, CardContext context) {
                if (s.actions().stream().anyMatch(a -> a.type() == ActionKind.UPDATE)) {
                    throw new StringIndexOutOfBoundsException("injected");
                }
                return super.suggestion(s, values, context);
            }
        };
        var assembler = new CardAssembler(
                content.cards(),
                content.protocol(),
                faults::add,
                new EvidenceFormatter(),
                failingUpdates,
                TemplateText::fill);
        Card menstruation = critical(assembler.cards(results, context(draftOrder())));
        assertThat(menstruation.suggestions())
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.actions()).noneMatch(a -> a.type() == ActionType.UPDATE));
        assertThat(faults).contains("suggestion").containsOnly("suggestion");
        assertThat(output)
                .contains("ERROR")
                .contains("StringIndexOutOfBoundsException")
                .doesNotContain("injected");
    }

    @Test
    void suggestionStageFailingAsAWholeKeepsTheCardWithoutSuggestions() {
        SuggestionBuilder broken = new SuggestionBuilder(faults::add) {
            @Override
            Card.Suggestion suggestion(CardDefinition.SuggestionDefinition s, CardValues values, CardContext context) {
                throw new IllegalStateException("injected");
            }
        };
        var assembler = new CardAssembler(
                content.cards(), content.protocol(), faults::add, new EvidenceFormatter(), broken, TemplateText::fill);
        Card menstruation = critical(assembler.cards(results, context(draftOrder())));
        assertThat(menstruation.suggestions()).isNullOrEmpty();
        assertThat(menstruation.overrideReasons()).isNotEmpty();
        assertThat(faults).contains("suggestion");
    }

    @Test
    void evidenceStageFailingKeepsTheCardWithBareReferences(CapturedOutput output) {
        EvidenceFormatter broken = new EvidenceFormatter() {
            @Override
            String line(Resource resource, LocalDate today) {
                throw new NullPointerException("injected");
            }

            @Override
            String lines(List<Resource> resources, LocalDate today) {
                throw new NullPointerException("injected");
            }
        };
        var assembler = new CardAssembler(
                content.cards(),
                content.protocol(),
                faults::add,
                broken,
                new SuggestionBuilder(faults::add),
                TemplateText::fill);
        Card menstruation = critical(assembler.cards(results, context(draftOrder())));
        assertThat(menstruation.summary()).isEqualTo(definition("menstruation").summary());
        assertThat(update(menstruation).path("occurrenceDateTime").asText()).isNotEmpty();
        assertThat(faults).contains("evidence").containsOnly("evidence");
        assertThat(output).contains("ERROR").contains("evidence stage failed (NullPointerException)");
    }

    @Test
    void textStageFailingKeepsTheCardWithPlaceholdersShownAsQuestionMarks() {
        var assembler = new CardAssembler(
                content.cards(),
                content.protocol(),
                faults::add,
                new EvidenceFormatter(),
                new SuggestionBuilder(faults::add),
                (template, values) -> {
                    throw new IllegalArgumentException("injected");
                });
        Card menstruation = critical(assembler.cards(results, context(draftOrder())));
        assertThat(menstruation.summary()).isNotBlank().doesNotContain("{{");
        assertThat(menstruation.detail()).isNotBlank().doesNotContain("{{");
        assertThat(menstruation.overrideReasons()).isNotEmpty();
        assertThat(faults).contains("text");
    }

    @Test
    void aFilledInSummaryOver139CharactersIsCutToUnder140() {
        var assembler = new CardAssembler(
                content.cards(),
                content.protocol(),
                faults::add,
                new EvidenceFormatter(),
                new SuggestionBuilder(faults::add),
                (template, values) -> "y".repeat(200));
        Card menstruation = critical(assembler.cards(results, context(draftOrder())));
        assertThat(menstruation.summary()).hasSize(139).endsWith("y…");
        var exact = new CardAssembler(
                content.cards(),
                content.protocol(),
                faults::add,
                new EvidenceFormatter(),
                new SuggestionBuilder(faults::add),
                (template, values) -> "z".repeat(139));
        assertThat(critical(exact.cards(results, context(draftOrder()))).summary())
                .isEqualTo("z".repeat(139));
        var emoji = new CardAssembler(
                content.cards(),
                content.protocol(),
                faults::add,
                new EvidenceFormatter(),
                new SuggestionBuilder(faults::add),
                (template, values) -> "z".repeat(137) + "\uD83D\uDE00" + "z".repeat(10));
        assertThat(critical(emoji.cards(results, context(draftOrder()))).summary())
                .hasSize(138)
                .endsWith("z…");
    }

    private CardDefinition definition(String topic) {
        return content.cards().ruleCards().stream()
                .filter(d -> topic.equals(d.topic()))
                .findFirst()
                .orElseThrow();
    }

    private static Card critical(List<Card> cards) {
        return cards.stream()
                .filter(c -> "menstruation".equals(c.source().topic().code()) && c.indicator() == Indicator.CRITICAL)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the critical menstruation card was lost: " + cards));
    }

    private static JsonNode update(Card card) {
        return card.suggestions().stream()
                .flatMap(s -> s.actions().stream())
                .filter(a -> a.type() == ActionType.UPDATE)
                .findFirst()
                .map(a -> (JsonNode) JSON.valueToTree(a).get("resource"))
                .orElseThrow(() -> new AssertionError("no update suggestion on " + card));
    }

    private static ObjectNode draftOrder() {
        return (ObjectNode) scenario.request()
                .path("context")
                .path("draftOrders")
                .path("entry")
                .path(0)
                .path("resource")
                .deepCopy();
    }

    private static CardContext context(ObjectNode order) {
        return new CardContext(
                Scenario.PATIENT_ID,
                "ServiceRequest/hsg-order",
                order,
                PlannedDate.on(scenario.plannedDate()),
                TODAY,
                "http://localhost:8080",
                List.of());
    }
}
