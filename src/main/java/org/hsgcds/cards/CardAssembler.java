package org.hsgcds.cards;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;
import org.hsgcds.content.CardCatalog;
import org.hsgcds.content.CardDefinition;
import org.hsgcds.content.SiteProtocol;
import org.hsgcds.evaluation.PlannedDate;
import org.hsgcds.evaluation.RuleResults;
import org.hsgcds.hooks.Card;
import org.hsgcds.hooks.Coding;

/**
 * Builds the cards for one evaluated order from the card definitions. Safety invariants live here,
 * not in content: an all-clear card never stands beside a critical card, nor beside a card of a
 * contraindication topic at any indicator, and never when any data source could not be read.
 */
public final class CardAssembler {

    private static final Map<String, Integer> SEVERITY = Map.of("critical", 0, "warning", 1, "info", 2);
    private static final int MAX_SUMMARY = 140;

    private final CardCatalog catalog;
    private final Map<String, String> protocolValues;
    private final SuggestionBuilder suggestions = new SuggestionBuilder();

    /** @param protocol the site protocol of the same content version, quoted in card text */
    public CardAssembler(CardCatalog catalog, SiteProtocol protocol) {
        this.catalog = catalog;
        this.protocolValues = Map.copyOf(protocol.cardValues());
    }

    public List<Card> cards(RuleResults results, CardContext context) {
        EvidenceFormatter evidence = new EvidenceFormatter(context.today());
        List<Card> raised = new ArrayList<>();
        if (!context.dataComplete()) {
            catalog.raisedBy("data-unavailable").ifPresent(d -> raised.add(card(d, List.of(), results, context, evidence)));
        }
        List<Fired> heldBack = new ArrayList<>();
        for (CardDefinition definition : catalog.ruleCards()) {
            List<Resource> found = new ArrayList<>();
            definition.evidence().forEach(e -> found.addAll(results.resources(e)));
            boolean fires = !found.isEmpty() || (definition.when() != null && results.isTrue(definition.when()));
            if (!fires) {
                continue;
            }
            if (definition.allClear() || definition.suppressedByCritical()) {
                heldBack.add(new Fired(definition, found));
            } else {
                raised.add(card(definition, found, results, context, evidence));
            }
        }
        boolean anyCritical = raised.stream().anyMatch(c -> "critical".equals(c.indicator()));
        boolean anyContraindication = raised.stream().anyMatch(c -> catalog.isContraindication(c.source().topic().code()));
        for (Fired fired : heldBack) {
            boolean allowed = !anyCritical
                    && (!fired.definition().allClear() || (context.dataComplete() && !anyContraindication));
            if (allowed) {
                raised.add(card(fired.definition(), fired.evidence(), results, context, evidence));
            }
        }
        raised.sort(Comparator.comparing(c -> SEVERITY.get(c.indicator())));
        return raised;
    }

    /** A definition whose evidence or condition held, with the evidence found, waiting on the safety rules. */
    private record Fired(CardDefinition definition, List<Resource> evidence) {
    }

    /** Cards for a call whose rules could not be evaluated at all: only the data-unavailable warning. */
    public List<Card> unavailableOnly(CardContext context) {
        return catalog.raisedBy("data-unavailable")
                .map(d -> List.of(card(d, List.of(), new RuleResults(Map.of()), context, new EvidenceFormatter(context.today()))))
                .orElse(List.of());
    }

    private Card card(CardDefinition definition, List<Resource> found, RuleResults results, CardContext context,
            EvidenceFormatter evidence) {
        CardValues values = values(definition, found, results, context, evidence);
        String summary = TemplateText.fill(definition.summary(), values.text());
        if (summary.length() > MAX_SUMMARY) {
            summary = summary.substring(0, MAX_SUMMARY - 1) + "…";
        }
        List<Card.Suggestion> builtSuggestions = suggestions.build(definition, values, context, results::isTrue);
        List<Coding> overrideReasons = definition.overrideReasons().stream()
                .map(code -> new Coding(catalog.overrideReasonSystem(), code, catalog.overrideReasonDisplays().get(code)))
                .toList();
        Coding topic = new Coding(catalog.topicSystem(), definition.topic(), definition.topicDisplay());
        List<Card.Link> links = definition.links().stream()
                .map(l -> new Card.Link(TemplateText.fill(l.label(), values.text()), TemplateText.fill(l.url(), values.data()), l.type()))
                .toList();
        return new Card(TimeOrderedUuid.next(), summary, detail(definition, values, context),
                definition.indicator(), new Card.Source(catalog.sourceLabel(), null, topic), builtSuggestions,
                builtSuggestions.isEmpty() ? null : definition.selectionBehavior(), overrideReasons, links);
    }

    /** The definition's detail; a card about a booked appointment opens with the catalog's line naming it. */
    private String detail(CardDefinition definition, CardValues values, CardContext context) {
        String detail = TemplateText.fill(definition.detail(), values.text());
        if (!context.aboutAppointment() || catalog.appointmentIntro() == null) {
            return detail;
        }
        return TemplateText.fill(catalog.appointmentIntro(), values.text()) + "\n\n" + detail;
    }

    private CardValues values(CardDefinition definition, List<Resource> found, RuleResults results, CardContext context,
            EvidenceFormatter evidence) {
        CardValues values = new CardValues(evidence);
        protocolValues.forEach(values::put);
        values.put("plannedDate", plannedDateText(context.planned(), context.today()), context.plannedDate().toString());
        values.putDate("today", context.today());
        values.put("baseUrl", context.baseUrl() == null ? "" : context.baseUrl());
        values.put("patientId", context.patientId());
        values.put("patientReference", "Patient/" + context.patientId());
        values.put("orderReference", context.orderReference());
        if (context.aboutAppointment()) {
            String date = plannedDateText(context.planned(), context.today());
            values.put("appointment", context.appointment().namedById() ? date + " (" + context.orderReference() + ")" : date);
        }
        values.put("evidence", evidence.lines(found));
        values.put("evidenceCount", Integer.toString(found.size()));
        values.put("unavailable", String.join("; ", context.unavailableSources()));
        definition.values().forEach((name, expression) -> values.putValue(name, results.value(expression)));
        return values;
    }

    /** The planned date as people read it, saying so when the order has no day. */
    static String plannedDateText(PlannedDate planned, LocalDate today) {
        if (planned.dated()) {
            return HumanDates.day(planned.date());
        }
        if (planned.periodEnd() == null) {
            return "not set (checked for today, " + HumanDates.day(today) + ")";
        }
        YearMonth lastMonth = YearMonth.from(planned.periodEnd());
        String span = lastMonth.equals(YearMonth.from(planned.date())) ? HumanDates.month(lastMonth)
                : Integer.toString(lastMonth.getYear());
        return span + ", no day set (checked from " + HumanDates.day(planned.date()) + ")";
    }
}
