package org.hsgcds.workbench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * One card definition: its id, indicator, and summary with the site protocol's values filled in and each
     * value known only at call time shown in words ("‹planned date›"); {@code template} as written.
     */
    record Card(
            String id,
            String indicator,
            String summary,
            String template,
            int overrideReasons,
            int suggestions,
            boolean raisedByService) {}

    /** @param codes enumerated and expanded codes; {@code icd10cmPrefixes} ICD-10-CM families matched by prefix */
    record ValueSet(String url, int codes, int icd10cmPrefixes) {}

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    /** A template as a reader of the Rules view needs it: protocol values in place, call-time values named. */
    static String readable(String template, Map<String, String> protocol) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String value = protocol.get(name);
            if (value == null) {
                String words = name.replaceFirst("^protocol\\.", "")
                        .replaceAll("([a-z])([A-Z])", "$1 $2")
                        .toLowerCase(Locale.ROOT);
                value = "‹" + words + "›";
            }
            placeholder.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(text);
        return text.toString();
    }

    static RulesSummary of(ContentHolder.LoadedContent loaded) {
        CompiledContent content = loaded.content();
        Map<String, String> protocolText = content.protocol().cardValues();
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
                                        readable(c.summary(), protocolText),
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
