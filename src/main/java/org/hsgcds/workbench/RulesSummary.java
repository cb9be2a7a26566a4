package org.hsgcds.workbench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hsgcds.content.CardDefinition;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.content.ServiceCatalog;
import org.hsgcds.content.ValueSetIndex;

/**
 * The loaded content at a glance: the services, the card topics with their indicators, the value
 * sets with their sizes and the site protocol in force. Read from one content version.
 */
record RulesSummary(
        String ruleLibrary,
        String ruleLibraryVersion,
        String loadedFrom,
        String loadedAt,
        int generation,
        List<ServiceCatalog.ServiceDefinition> services,
        List<Topic> topics,
        List<ValueSet> valueSets,
        String protocolSource,
        Map<String, Object> protocol) {

    /** A card topic and the kinds of card raised under it. */
    record Topic(String topic, String display, boolean contraindication, List<Card> cards) {}

    /** One card definition: its id, indicator and summary as written (placeholders unfilled). */
    record Card(
            String id,
            String indicator,
            String summary,
            int overrideReasons,
            int suggestions,
            boolean raisedByService) {}

    /** @param codes enumerated and expanded codes; {@code icd10cmPrefixes} ICD-10-CM families matched by prefix */
    record ValueSet(String url, int codes, int icd10cmPrefixes) {}

    static RulesSummary of(ContentHolder.LoadedContent loaded) {
        CompiledContent content = loaded.content();
        Map<String, List<CardDefinition>> byTopic = new LinkedHashMap<>();
        content.cards()
                .cards()
                .forEach(card -> byTopic.computeIfAbsent(card.topic(), t -> new ArrayList<>())
                        .add(card));
        List<Topic> topics = byTopic.entrySet().stream()
                .map(e -> new Topic(
                        e.getKey(),
                        e.getValue().stream()
                                .map(CardDefinition::topicDisplay)
                                .filter(d -> d != null)
                                .findFirst()
                                .orElse(e.getKey()),
                        content.cards().isContraindication(e.getKey()),
                        e.getValue().stream()
                                .map(c -> new Card(
                                        c.id(),
                                        c.indicator().code(),
                                        c.summary(),
                                        c.overrideReasons().size(),
                                        c.suggestions().size(),
                                        c.isRaisedByService()))
                                .toList()))
                .toList();
        ValueSetIndex index = content.valueSets();
        List<ValueSet> valueSets = index.urls().stream()
                .sorted(Comparator.naturalOrder())
                .map(url -> {
                    ValueSetIndex.Members members = index.members(url);
                    return new ValueSet(
                            url,
                            members.systemAndCodes().size(),
                            members.icd10cmPrefixes().size());
                })
                .toList();
        return new RulesSummary(
                content.rules().name(),
                content.rules().version(),
                loaded.location(),
                loaded.loadedAt().toString(),
                loaded.generation(),
                content.services().services(),
                topics,
                valueSets,
                content.protocol().source(),
                content.protocol().values());
    }
}
