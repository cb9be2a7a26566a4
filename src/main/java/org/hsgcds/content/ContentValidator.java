package org.hsgcds.content;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hsgcds.cdshooks.Hook;
import org.hsgcds.cdshooks.Indicator;

/** Start-up checks that tie card definitions to the compiled CQL and to each other. */
final class ContentValidator {

    /** CDS Hooks: a summary is "<140 characters". */
    static final int MAX_SUMMARY = 139;
    /** What a draft order's suggestion may do; reschedule is for appointments only. */
    private static final Set<ActionKind> ACTION_TYPES =
            EnumSet.of(ActionKind.CREATE, ActionKind.UPDATE, ActionKind.DELETE);
    /** An appointment is never deleted (a booking is cancelled by an update); it may be rescheduled. */
    private static final Set<ActionKind> APPOINTMENT_ACTION_TYPES =
            EnumSet.of(ActionKind.CREATE, ActionKind.UPDATE, ActionKind.RESCHEDULE);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    private final Set<String> expressions;
    private final ValueSetIndex valueSets;
    private final List<String> problems = new ArrayList<>();

    ContentValidator(Set<String> expressions, ValueSetIndex valueSets) {
        this.expressions = expressions;
        this.valueSets = valueSets;
    }

    void validate(String cardFile, CardCatalog catalog, ServiceCatalog services) {
        boolean appointments = services.services().stream().anyMatch(s -> s.hook() == Hook.APPOINTMENT_BOOK);
        require(
                !appointments
                        || (catalog.appointmentIntro() != null
                                && catalog.appointmentIntro().contains("{{appointment}}")),
                "an appointment-book service is offered but appointmentIntro is missing or does not name {{appointment}}");
        require(catalog.topicSystem() != null, "topicSystem is missing");
        require(catalog.sourceLabel() != null, "sourceLabel is missing");
        Set<String> ids = new HashSet<>();
        for (CardDefinition card : catalog.cards()) {
            String name = "card '" + card.topic() + "'";
            require(card.topic() != null && !card.topic().isBlank(), "a card has no topic");
            require(ids.add(card.id()), "card id '" + card.id() + "' is defined twice");
            require(card.topicDisplay() != null, name + " has no topicDisplay");
            require(card.indicator() != null, name + " has no indicator");
            require(card.summary() != null && !card.summary().isBlank(), name + " has no summary");
            require(
                    card.summary() == null || card.summary().length() <= MAX_SUMMARY,
                    name + " summary is "
                            + (card.summary() == null ? 0 : card.summary().length())
                            + " characters; CDS Hooks requires under 140");
            require(card.detail() != null && !card.detail().isBlank(), name + " has no detail");
            boolean hasTrigger = card.isRaisedByService()
                    || card.when() != null
                    || !card.evidence().isEmpty();
            require(hasTrigger, name + " has neither evidence, when nor raisedBy");
            card.evidence().forEach(e -> requireExpression(name, e));
            if (card.when() != null) {
                requireExpression(name, card.when());
            }
            card.values().values().forEach(e -> requireExpression(name, e));
            card.overrideReasons()
                    .forEach(r -> require(
                            catalog.overrideReasonDisplays().containsKey(r),
                            name + " uses unknown override reason " + r));
            require(
                    card.indicator() != Indicator.CRITICAL
                            || !card.overrideReasons().isEmpty(),
                    name + " is critical but has no overrideReasons");
            require(!card.allClear() || card.indicator() == Indicator.INFO, name + " is an all-clear but not info");
            checkSuggestions(name, card);
            checkAppointmentSuggestions(name, card, appointments);
            card.links()
                    .forEach(l -> require(
                            l.label() != null
                                    && l.url() != null
                                    && Set.of("absolute", "smart").contains(l.type()),
                            name + " has a link without label, url or type absolute|smart"));
            checkProtocolPlaceholders(name, card);
        }
        require(catalog.raisedBy("data-unavailable").isPresent(), "no card is raisedBy data-unavailable");
        Set<String> topics = new HashSet<>();
        catalog.cards().forEach(c -> topics.add(c.topic()));
        catalog.contraindicationTopics()
                .forEach(t -> require(topics.contains(t), "contraindication topic " + t + " has no card"));
        catalog.cards().stream()
                .filter(c -> c.indicator() == Indicator.CRITICAL)
                .forEach(c -> require(
                        catalog.isContraindication(c.topic()),
                        "critical card '" + c.id() + "' is not a contraindication topic"));
        require(
                valueSets.isKnown(services.orderValueSet()),
                "cds-services.json orderValueSet " + services.orderValueSet() + " is not a loaded value set");
        services.requiredPrefetch()
                .forEach(k ->
                        require(services.prefetch().containsKey(k), "required prefetch key " + k + " has no template"));
        services.services().forEach(s -> require(s.hook() != null, "service " + s.id() + " has no hook"));
        services.services().stream()
                .filter(s -> s.hook() == Hook.APPOINTMENT_BOOK)
                .forEach(s -> require(
                        s.additionalPrefetch().containsKey(ServiceCatalog.APPOINTMENT_ORDERS_KEY),
                        "service " + s.id() + " has no additionalPrefetch " + ServiceCatalog.APPOINTMENT_ORDERS_KEY
                                + " (to find appointments by basedOn)"));
        services.prefetch().forEach(this::checkPrefetchTokens);
        services.services()
                .forEach(s -> s.additionalPrefetch().forEach((key, template) -> {
                    require(
                            !services.prefetch().containsKey(key),
                            "service " + s.id() + " redefines the shared prefetch key " + key);
                    checkPrefetchTokens(key, template);
                }));
        if (!problems.isEmpty()) {
            throw new ContentException(cardFile + " / cds-services.json:\n  " + String.join("\n  ", problems));
        }
    }

    private void checkPrefetchTokens(String key, String template) {
        Matcher m = ServiceCatalog.PREFETCH_TOKEN.matcher(template);
        while (m.find()) {
            require(
                    ServiceCatalog.PREFETCH_TOKENS.contains(m.group(1).trim()),
                    "prefetch " + key + " uses token {{" + m.group(1)
                            + "}}, which CDS Hooks does not define for these hooks; " + "known: "
                            + new java.util.TreeSet<>(ServiceCatalog.PREFETCH_TOKENS));
        }
        String rest = ServiceCatalog.PREFETCH_TOKEN.matcher(template).replaceAll("");
        require(
                !rest.contains("{") && !rest.contains("}"),
                "prefetch " + key + " has an unbalanced {{token}}: " + template);
    }

    /**
     * Suggestions for a booked appointment. With an appointment-book service, a card whose order suggestions
     * change the draft order (update, delete) must say what it offers for an appointment instead (an empty
     * list offers nothing): those actions would otherwise be bound to the wrong resource.
     */
    private void checkAppointmentSuggestions(String name, CardDefinition card, boolean appointments) {
        boolean changesTheOrder = card.suggestions().stream()
                .flatMap(s -> s.actions().stream())
                .anyMatch(a -> a.type() != ActionKind.CREATE);
        require(
                !appointments || !changesTheOrder || card.appointmentSuggestions() != null,
                name + " changes the draft order in a suggestion but declares no appointmentSuggestions");
        if (card.appointmentSuggestions() == null) {
            return;
        }
        require(
                card.appointmentSuggestions().isEmpty() || card.selectionBehavior() != null,
                name + " has appointmentSuggestions but selectionBehavior " + card.selectionBehavior());
        require(
                card.appointmentSuggestions().stream()
                                .filter(s -> Boolean.TRUE.equals(s.isRecommended()))
                                .count()
                        <= 1,
                name + " has more than one recommended appointment suggestion");
        for (CardDefinition.SuggestionDefinition suggestion : card.appointmentSuggestions()) {
            require(
                    suggestion.label() != null && !suggestion.label().isBlank(),
                    name + " has an appointment suggestion without label");
            require(!suggestion.actions().isEmpty(), name + " has an appointment suggestion without actions");
            if (suggestion.when() != null) {
                requireExpression(name, suggestion.when());
            }
            for (CardDefinition.ActionDefinition action : suggestion.actions()) {
                require(
                        APPOINTMENT_ACTION_TYPES.contains(action.type()),
                        name + " has appointment action type " + action.type()
                                + " (an appointment is cancelled by an update, never deleted)");
                require(action.description() != null, name + " has an appointment action without description");
                require(
                        action.type() != ActionKind.CREATE
                                || (action.resource() != null
                                        && action.resource().has("resourceType")),
                        name + " has a create action without a resource");
                require(
                        action.type() != ActionKind.UPDATE
                                || (action.patch() != null && action.patch().isObject()),
                        name + " has an appointment update action without a patch");
                require(
                        action.type() != ActionKind.RESCHEDULE
                                || (action.date() != null && !action.date().isBlank()),
                        name + " has a reschedule action without a date");
                require(
                        action.type() != ActionKind.UPDATE
                                || (!action.patch().has("start")
                                        && !action.patch().has("end")),
                        name
                                + " patches an appointment's start or end: use a reschedule action, which moves both together");
            }
        }
    }

    private void checkSuggestions(String name, CardDefinition card) {
        require(
                card.suggestions().isEmpty() || card.selectionBehavior() != null,
                name + " has suggestions but selectionBehavior " + card.selectionBehavior());
        long recommended = card.suggestions().stream()
                .filter(s -> Boolean.TRUE.equals(s.isRecommended()))
                .count();
        require(recommended <= 1, name + " has more than one recommended suggestion");
        for (CardDefinition.SuggestionDefinition suggestion : card.suggestions()) {
            require(
                    suggestion.label() != null && !suggestion.label().isBlank(),
                    name + " has a suggestion without label");
            if (suggestion.when() != null) {
                requireExpression(name, suggestion.when());
            }
            for (CardDefinition.ActionDefinition action : suggestion.actions()) {
                require(
                        ACTION_TYPES.contains(action.type()),
                        name + " has action type " + action.type()
                                + (action.type() == ActionKind.RESCHEDULE
                                        ? " (reschedule is for appointmentSuggestions only)"
                                        : ""));
                require(action.description() != null, name + " has an action without description");
                require(
                        action.type() != ActionKind.CREATE
                                || (action.resource() != null
                                        && action.resource().has("resourceType")),
                        name + " has a create action without a resource");
                require(
                        action.type() != ActionKind.UPDATE
                                || (action.patch() != null && action.patch().isObject()),
                        name + " has an update action without a patch");
            }
        }
    }

    /** A misspelt {@code {{protocol.<key>}}} would reach clinicians as the raw placeholder. */
    private void checkProtocolPlaceholders(String name, CardDefinition card) {
        List<String> texts = new ArrayList<>(List.of(String.valueOf(card.summary()), String.valueOf(card.detail())));
        card.links().forEach(l -> texts.add(l.label() + " " + l.url()));
        List<CardDefinition.SuggestionDefinition> suggestions = new ArrayList<>(card.suggestions());
        if (card.appointmentSuggestions() != null) {
            suggestions.addAll(card.appointmentSuggestions());
        }
        suggestions.forEach(s -> {
            texts.add(String.valueOf(s.label()));
            s.actions()
                    .forEach(a -> texts.add(
                            a.description() + " " + a.resource() + " " + a.patch() + " " + a.date() + " " + a.until()));
        });
        for (String text : texts) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                String token = m.group(1).trim();
                require(
                        !token.startsWith("protocol.")
                                || SiteProtocolFile.KEYS.contains(token.substring("protocol.".length())),
                        name + " uses {{" + token + "}}, which is not a site protocol key");
            }
        }
    }

    private void requireExpression(String card, String expression) {
        require(
                expressions.contains(expression),
                card + " refers to CQL expression '" + expression + "' that does not exist");
    }

    private void require(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
