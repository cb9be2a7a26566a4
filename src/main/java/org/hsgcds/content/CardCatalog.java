package org.hsgcds.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The card definitions of one rule library, in declaration order, plus the override reasons. */
public record CardCatalog(
        String library,
        String libraryVersion,
        String sourceLabel,
        String topicSystem,
        String overrideReasonSystem,
        Map<String, String> overrideReasonDisplays,
        List<CardDefinition> cards) {

    public CardCatalog {
        overrideReasonDisplays = Map.copyOf(overrideReasonDisplays);
        cards = List.copyOf(cards);
    }

    public Optional<CardDefinition> raisedBy(String event) {
        return cards.stream().filter(c -> event.equals(c.raisedBy())).findFirst();
    }

    public List<CardDefinition> ruleCards() {
        return cards.stream().filter(c -> !c.isRaisedByService()).toList();
    }
}
