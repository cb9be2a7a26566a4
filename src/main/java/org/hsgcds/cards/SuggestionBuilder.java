package org.hsgcds.cards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.hsgcds.cdshooks.ActionType;
import org.hsgcds.cdshooks.Card;
import org.hsgcds.content.ActionKind;
import org.hsgcds.content.CardDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns suggestion definitions into CDS Hooks suggestions bound to this call's draft order or appointment.
 * A suggestion that cannot be built (an odd draft order, a fault here) is left out and reported; the card
 * and its other suggestions stay.
 */
class SuggestionBuilder {

    private static final Logger log = LoggerFactory.getLogger(SuggestionBuilder.class);

    private final CardFaults faults;

    SuggestionBuilder(CardFaults faults) {
        this.faults = faults;
    }

    /**
     * The card's suggestions whose {@code when} expression (if any) holds; text from {@code values.text()},
     * resources and patches from {@code values.data()}.
     */
    final List<Card.Suggestion> build(
            CardDefinition definition, CardValues values, CardContext context, Predicate<String> holds) {
        List<Card.Suggestion> suggestions = new ArrayList<>();
        List<CardDefinition.SuggestionDefinition> offered =
                context.aboutAppointment() ? definition.suggestionsForAppointment() : definition.suggestions();
        for (CardDefinition.SuggestionDefinition suggestion : offered) {
            if (suggestion.when() != null && !holds.test(suggestion.when())) {
                continue;
            }
            try {
                Card.Suggestion built = suggestion(suggestion, values, context);
                if (built != null) {
                    suggestions.add(built);
                }
            } catch (RuntimeException e) {
                // The type only: messages can quote the draft order.
                log.error(
                        "Card {}: a suggestion could not be built ({}); the card is answered without it",
                        definition.topic(),
                        e.getClass().getSimpleName());
                faults.fault("suggestion");
            }
        }
        return suggestions;
    }

    /** One suggestion, or null when it cannot be offered for this target; package-private so that tests can make it fail. */
    Card.Suggestion suggestion(CardDefinition.SuggestionDefinition suggestion, CardValues values, CardContext context) {
        List<Card.Action> actions = new ArrayList<>();
        suggestion.actions().forEach(a -> actions.add(action(a, values, context)));
        if (actions.contains(null)) {
            // An appointment that cannot be moved into a valid one (a start with neither end nor duration): not
            // offered.
            return null;
        }
        return new Card.Suggestion(
                TemplateText.fill(suggestion.label(), values.text()),
                TimeOrderedUuid.next(),
                Boolean.TRUE.equals(suggestion.isRecommended()) ? Boolean.TRUE : null,
                actions);
    }

    private static Card.Action action(
            CardDefinition.ActionDefinition definition, CardValues values, CardContext context) {
        String description = TemplateText.fill(definition.description(), values.text());
        return switch (definition.type()) {
            case DELETE -> new Card.Action(ActionType.DELETE, description, null, context.orderReference());
            case UPDATE ->
                new Card.Action(
                        ActionType.UPDATE,
                        description,
                        patched(context.draftOrder(), fill(definition.patch(), values.data())),
                        null);
            case RESCHEDULE -> rescheduled(definition, description, values, context);
            case CREATE ->
                new Card.Action(ActionType.CREATE, description, fill(definition.resource(), values.data()), null);
        };
    }

    /** The appointment moved to the action's date (an update), or null when no valid move exists. */
    private static Card.Action rescheduled(
            CardDefinition.ActionDefinition definition, String description, CardValues values, CardContext context) {
        LocalDate day = isoDate(TemplateText.fill(definition.date(), values.data()));
        LocalDate until =
                definition.until() == null ? null : isoDate(TemplateText.fill(definition.until(), values.data()));
        if (day == null || context.draftOrder() == null) {
            return null;
        }
        return AppointmentMove.to(context.draftOrder(), day, until)
                .map(moved -> new Card.Action(ActionKind.RESCHEDULE.sentAs(), description, moved, null))
                .orElse(null);
    }

    private static LocalDate isoDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The draft order with the patch's fields set. Setting one variant of a FHIR choice element
     * (occurrenceDateTime) removes the others (occurrencePeriod, occurrenceTiming), as FHIR allows one,
     * and a bare {@code occurrence} field, which is no FHIR element but which a lenient parser lets through.
     */
    private static JsonNode patched(JsonNode draftOrder, JsonNode patch) {
        ObjectNode order = draftOrder.deepCopy();
        patch.fields().forEachRemaining(field -> {
            String choice = choiceStem(field.getKey());
            if (choice != null) {
                List<String> others = new ArrayList<>();
                order.fieldNames().forEachRemaining(name -> {
                    if (!name.equals(field.getKey()) && isVariant(name, choice)) {
                        others.add(name);
                    }
                });
                order.remove(others);
            }
            order.set(field.getKey(), field.getValue().deepCopy());
        });
        return order;
    }

    private static boolean isVariant(String name, String stem) {
        return name.equals(stem)
                || (name.startsWith(stem)
                        && name.length() > stem.length()
                        && Character.isUpperCase(name.charAt(stem.length())));
    }

    private static String choiceStem(String fieldName) {
        for (String stem : List.of("occurrence", "asNeeded", "quantity")) {
            if (fieldName.startsWith(stem) && fieldName.length() > stem.length()) {
                return stem;
            }
        }
        return null;
    }

    private static JsonNode fill(JsonNode template, Map<String, String> values) {
        if (template == null) {
            return null;
        }
        JsonNode copy = template.deepCopy();
        fillInPlace(copy, values);
        return copy;
    }

    private static void fillInPlace(JsonNode node, Map<String, String> values) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                if (field.getValue().isTextual()) {
                    field.setValue(
                            TextNode.valueOf(TemplateText.fill(field.getValue().asText(), values)));
                } else {
                    fillInPlace(field.getValue(), values);
                }
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(TemplateText.fill(array.get(i).asText(), values)));
                } else {
                    fillInPlace(array.get(i), values);
                }
            }
        }
    }
}
