package org.hsgcds.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The card definitions of one rule library, in declaration order, plus the override reasons and the
 * contraindication topics (a card of one of them, at any indicator, rules out the all-clear).
 * {@code appointmentIntro} opens the detail of every card about a booked appointment, naming it
 * ({@code {{appointment}}}: its date, and its id when the call holds more than one HSG appointment).
 */
public record CardCatalog(
        String library,
        String libraryVersion,
        String sourceLabel,
        String topicSystem,
        String overrideReasonSystem,
        Map<String, String> overrideReasonDisplays,
        List<CardDefinition> cards,
        List<String> contraindicationTopics,
        String appointmentIntro) {

    public CardCatalog {
        overrideReasonDisplays = Map.copyOf(overrideReasonDisplays);
        cards = List.copyOf(cards);
        contraindicationTopics = contraindicationTopics == null ? List.of() : List.copyOf(contraindicationTopics);
    }

    /** Topics whose cards, at any indicator, rule out the all-clear. */
    public boolean isContraindication(String topic) {
        return contraindicationTopics.contains(topic);
    }

    public Optional<CardDefinition> raisedBy(String event) {
        return cards.stream().filter(c -> event.equals(c.raisedBy())).findFirst();
    }

    public List<CardDefinition> ruleCards() {
        return cards.stream().filter(c -> !c.isRaisedByService()).toList();
    }
}
