package org.hsgcds.content;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Start-up checks that tie card definitions to the compiled CQL and to each other. */
final class ContentValidator {

    /** CDS Hooks: a summary is "<140 characters". */
    static final int MAX_SUMMARY = 139;
    private static final Set<String> INDICATORS = Set.of("info", "warning", "critical");
    private static final Set<String> BEHAVIOURS = Set.of("at-most-one", "any");
    private static final Set<String> ACTION_TYPES = Set.of("create", "update", "delete");
    private static final Set<String> HOOKS = Set.of("order-sign", "order-select");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    private final Set<String> expressions;
    private final ValueSetIndex valueSets;
    private final List<String> problems = new ArrayList<>();

    ContentValidator(Set<String> expressions, ValueSetIndex valueSets) {
        this.expressions = expressions;
        this.valueSets = valueSets;
    }

    void validate(String cardFile, CardCatalog catalog, ServiceCatalog services) {
        require(catalog.topicSystem() != null, "topicSystem is missing");
        require(catalog.sourceLabel() != null, "sourceLabel is missing");
        Set<String> ids = new HashSet<>();
        for (CardDefinition card : catalog.cards()) {
            String name = "card '" + card.topic() + "'";
            require(card.topic() != null && !card.topic().isBlank(), "a card has no topic");
            require(ids.add(card.id()), "card id '" + card.id() + "' is defined twice");
            require(card.topicDisplay() != null, name + " has no topicDisplay");
            require(INDICATORS.contains(card.indicator()), name + " has indicator " + card.indicator());
            require(card.summary() != null && !card.summary().isBlank(), name + " has no summary");
            require(card.summary() == null || card.summary().length() <= MAX_SUMMARY, name + " summary is " + (card.summary() == null ? 0 : card.summary().length()) + " characters; CDS Hooks requires under 140");
            require(card.detail() != null && !card.detail().isBlank(), name + " has no detail");
            boolean hasTrigger = card.isRaisedByService() || card.when() != null || !card.evidence().isEmpty();
            require(hasTrigger, name + " has neither evidence, when nor raisedBy");
            card.evidence().forEach(e -> requireExpression(name, e));
            if (card.when() != null) {
                requireExpression(name, card.when());
            }
            card.values().values().forEach(e -> requireExpression(name, e));
            card.overrideReasons().forEach(r -> require(catalog.overrideReasonDisplays().containsKey(r),
                    name + " uses unknown override reason " + r));
            require(!"critical".equals(card.indicator()) || !card.overrideReasons().isEmpty(),
                    name + " is critical but has no overrideReasons");
            require(!card.allClear() || "info".equals(card.indicator()), name + " is an all-clear but not info");
            checkSuggestions(name, card);
            card.links().forEach(l -> require(l.label() != null && l.url() != null && Set.of("absolute", "smart").contains(l.type()),
                    name + " has a link without label, url or type absolute|smart"));
            checkProtocolPlaceholders(name, card);
        }
        require(catalog.raisedBy("data-unavailable").isPresent(), "no card is raisedBy data-unavailable");
        Set<String> topics = new HashSet<>();
        catalog.cards().forEach(c -> topics.add(c.topic()));
        catalog.contraindicationTopics().forEach(t -> require(topics.contains(t), "contraindication topic " + t + " has no card"));
        catalog.cards().stream().filter(c -> "critical".equals(c.indicator()))
                .forEach(c -> require(catalog.isContraindication(c.topic()), "critical card '" + c.id() + "' is not a contraindication topic"));
        require(valueSets.isKnown(services.orderValueSet()), "cds-services.json orderValueSet "
                + services.orderValueSet() + " is not a loaded value set");
        services.requiredPrefetch().forEach(k -> require(services.prefetch().containsKey(k),
                "required prefetch key " + k + " has no template"));
        services.services().forEach(s -> require(HOOKS.contains(s.hook()), "service " + s.id() + " has hook " + s.hook()));
        services.prefetch().forEach((key, template) -> {
            Matcher m = ServiceCatalog.PREFETCH_TOKEN.matcher(template);
            while (m.find()) {
                require(ServiceCatalog.PREFETCH_TOKENS.contains(m.group(1).trim()),
                        "prefetch " + key + " uses token {{" + m.group(1) + "}}, which CDS Hooks does not define for these hooks; "
                                + "known: " + new java.util.TreeSet<>(ServiceCatalog.PREFETCH_TOKENS));
            }
            String rest = ServiceCatalog.PREFETCH_TOKEN.matcher(template).replaceAll("");
            require(!rest.contains("{") && !rest.contains("}"), "prefetch " + key + " has an unbalanced {{token}}: " + template);
        });
        if (!problems.isEmpty()) {
            throw new ContentException(cardFile + " / cds-services.json:\n  " + String.join("\n  ", problems));
        }
    }

    private void checkSuggestions(String name, CardDefinition card) {
        require(card.suggestions().isEmpty() || BEHAVIOURS.contains(card.selectionBehavior()),
                name + " has suggestions but selectionBehavior " + card.selectionBehavior());
        long recommended = card.suggestions().stream().filter(s -> Boolean.TRUE.equals(s.isRecommended())).count();
        require(recommended <= 1, name + " has more than one recommended suggestion");
        for (CardDefinition.SuggestionDefinition suggestion : card.suggestions()) {
            require(suggestion.label() != null && !suggestion.label().isBlank(), name + " has a suggestion without label");
            if (suggestion.when() != null) {
                requireExpression(name, suggestion.when());
            }
            for (CardDefinition.ActionDefinition action : suggestion.actions()) {
                require(ACTION_TYPES.contains(action.type()), name + " has action type " + action.type());
                require(action.description() != null, name + " has an action without description");
                require(!"create".equals(action.type()) || (action.resource() != null && action.resource().has("resourceType")),
                        name + " has a create action without a resource");
                require(!"update".equals(action.type()) || (action.patch() != null && action.patch().isObject()),
                        name + " has an update action without a patch");
            }
        }
    }

    /** A misspelt {@code {{protocol.<key>}}} would reach clinicians as the raw placeholder. */
    private void checkProtocolPlaceholders(String name, CardDefinition card) {
        List<String> texts = new ArrayList<>(List.of(String.valueOf(card.summary()), String.valueOf(card.detail())));
        card.links().forEach(l -> texts.add(l.label() + " " + l.url()));
        card.suggestions().forEach(s -> {
            texts.add(String.valueOf(s.label()));
            s.actions().forEach(a -> texts.add(a.description() + " " + a.resource() + " " + a.patch()));
        });
        for (String text : texts) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                String token = m.group(1).trim();
                require(!token.startsWith("protocol.") || SiteProtocolFile.KEYS.contains(token.substring("protocol.".length())),
                        name + " uses {{" + token + "}}, which is not a site protocol key");
            }
        }
    }

    private void requireExpression(String card, String expression) {
        require(expressions.contains(expression), card + " refers to CQL expression '" + expression + "' that does not exist");
    }

    private void require(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
