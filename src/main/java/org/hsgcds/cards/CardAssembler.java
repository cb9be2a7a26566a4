package org.hsgcds.cards;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Resource;
import org.hsgcds.cdshooks.Card;
import org.hsgcds.cdshooks.Coding;
import org.hsgcds.cdshooks.Indicator;
import org.hsgcds.content.CardCatalog;
import org.hsgcds.content.CardDefinition;
import org.hsgcds.content.SiteProtocol;
import org.hsgcds.evaluation.PlannedDate;
import org.hsgcds.evaluation.RuleResults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the cards for one evaluated order from the card definitions. Safety invariants live here,
 * not in content: an all-clear card never stands beside a critical card, nor beside a card of a
 * contraindication topic at any indicator, and never when any data source could not be read; and a
 * fault while describing a card never loses the card.
 */
public final class CardAssembler {

    /** CDS Hooks: a summary is "<140 characters"; a longer filled-in one is cut to 138 and an ellipsis. */
    private static final int MAX_SUMMARY = 139;

    private static final Logger log = LoggerFactory.getLogger(CardAssembler.class);

    private final CardCatalog catalog;
    private final Map<String, String> protocolValues;
    private final CardFaults faults;
    private final EvidenceFormatter evidence;
    private final SuggestionBuilder suggestions;
    private final BiFunction<String, Map<String, String>, String> text;

    /** @param protocol the site protocol of the same content version, quoted in card text */
    public CardAssembler(CardCatalog catalog, SiteProtocol protocol) {
        this(catalog, protocol, CardFaults.NONE);
    }

    public CardAssembler(CardCatalog catalog, SiteProtocol protocol, CardFaults faults) {
        this(catalog, protocol, faults, new EvidenceFormatter(), new SuggestionBuilder(faults), TemplateText::fill);
    }

    /** With the stages after evaluation given, so that tests can make each one fail. */
    CardAssembler(
            CardCatalog catalog,
            SiteProtocol protocol,
            CardFaults faults,
            EvidenceFormatter evidence,
            SuggestionBuilder suggestions,
            BiFunction<String, Map<String, String>, String> text) {
        this.catalog = catalog;
        this.protocolValues = Map.copyOf(protocol.cardValues());
        this.faults = faults;
        this.evidence = evidence;
        this.suggestions = suggestions;
        this.text = text;
    }

    public List<Card> cards(RuleResults results, CardContext context) {
        List<Card> raised = new ArrayList<>();
        if (!context.dataComplete()) {
            catalog.raisedBy("data-unavailable").ifPresent(d -> raised.add(card(d, List.of(), results, context)));
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
                raised.add(card(definition, found, results, context));
            }
        }
        boolean anyCritical = raised.stream().anyMatch(c -> c.indicator() == Indicator.CRITICAL);
        boolean anyContraindication = raised.stream()
                .anyMatch(c -> catalog.isContraindication(c.source().topic().code()));
        for (Fired fired : heldBack) {
            boolean allowed = !anyCritical
                    && (!fired.definition().allClear() || (context.dataComplete() && !anyContraindication));
            if (allowed) {
                raised.add(card(fired.definition(), fired.evidence(), results, context));
            }
        }
        // Critical first, then warning, then info (Indicator runs from the least to the most urgent).
        raised.sort(Comparator.comparing(Card::indicator, Comparator.reverseOrder()));
        return raised;
    }

    /** A definition whose evidence or condition held, with the evidence found, waiting on the safety rules. */
    private record Fired(CardDefinition definition, List<Resource> evidence) {}

    /** Cards for a call whose rules could not be evaluated at all: only the data-unavailable warning. */
    public List<Card> unavailableOnly(CardContext context) {
        return catalog.raisedBy("data-unavailable")
                .map(d -> List.of(card(d, List.of(), new RuleResults(Map.of()), context)))
                .orElse(List.of());
    }

    private Card card(CardDefinition definition, List<Resource> found, RuleResults results, CardContext context) {
        CardValues values = values(definition, found, results, context);
        String summary = guarded(
                definition,
                "text",
                () -> text.apply(definition.summary(), values.text()),
                () -> TemplateText.blank(definition.summary()));
        if (summary.length() > MAX_SUMMARY) {
            int end = Character.isHighSurrogate(summary.charAt(MAX_SUMMARY - 2)) ? MAX_SUMMARY - 2 : MAX_SUMMARY - 1;
            summary = summary.substring(0, end) + "…";
        }
        String detail = guarded(
                definition,
                "text",
                () -> text.apply(definition.detail(), values.text()),
                () -> TemplateText.blank(definition.detail()));
        List<Card.Suggestion> builtSuggestions = guarded(
                definition,
                "suggestion",
                () -> suggestions.build(definition, values, context, results::isTrue),
                List::of);
        List<Coding> overrideReasons = definition.overrideReasons().stream()
                .map(code -> new Coding(
                        catalog.overrideReasonSystem(),
                        code,
                        catalog.overrideReasonDisplays().get(code)))
                .toList();
        Coding topic = new Coding(catalog.topicSystem(), definition.topic(), definition.topicDisplay());
        List<Card.Link> links = guarded(
                definition,
                "text",
                () -> definition.links().stream()
                        .map(l -> new Card.Link(
                                text.apply(l.label(), values.text()), text.apply(l.url(), values.data()), l.type()))
                        .toList(),
                List::of);
        if (context.aboutAppointment() && catalog.appointmentIntro() != null) {
            // A card about a booked appointment opens with the catalog's line naming it.
            detail = guarded(
                            definition,
                            "text",
                            () -> text.apply(catalog.appointmentIntro(), values.text()),
                            () -> TemplateText.blank(catalog.appointmentIntro()))
                    + "\n\n" + detail;
        }
        return new Card(
                TimeOrderedUuid.next(),
                summary,
                detail,
                definition.indicator(),
                new Card.Source(catalog.sourceLabel(), null, topic),
                builtSuggestions,
                builtSuggestions.isEmpty() ? null : definition.selectionBehavior(),
                overrideReasons,
                links);
    }

    private CardValues values(
            CardDefinition definition, List<Resource> found, RuleResults results, CardContext context) {
        CardValues values = new CardValues(evidence, context.today());
        values.put(
                "plannedDate",
                plannedDateText(context.planned(), context.today()),
                context.plannedDate().toString());
        values.putDate("today", context.today());
        values.put("baseUrl", context.baseUrl() == null ? "" : context.baseUrl());
        values.put("patientId", context.patientId());
        values.put("patientReference", "Patient/" + context.patientId());
        values.put("orderReference", RecordText.markdown(context.orderReference()), context.orderReference());
        if (context.aboutAppointment()) {
            String date = plannedDateText(context.planned(), context.today());
            values.put(
                    "appointment",
                    context.appointment().namedById()
                            ? date + " (" + RecordText.markdown(context.orderReference()) + ")"
                            : date);
        }
        values.put(
                "evidence",
                guarded(definition, "evidence", () -> evidence.lines(found, context.today()), () -> references(found)));
        values.put("evidenceCount", Integer.toString(found.size()));
        values.put(
                "unavailable",
                String.join(
                        "; ",
                        context.unavailableSources().stream()
                                .map(RecordText::markdown)
                                .toList()));
        protocolValues.forEach(values::put);
        definition
                .values()
                .forEach((name, expression) -> guarded(
                        definition,
                        "evidence",
                        () -> {
                            values.putValue(name, results.value(expression));
                            return null;
                        },
                        () -> {
                            values.put(name, "?");
                            return null;
                        }));
        return values;
    }

    /**
     * One stage of building a card after the rules were evaluated. A fault there must not lose the card
     * (a lost critical card reads as an all-clear): the stage gives way to its fallback, and the fault is
     * logged, by exception type only (messages can quote the record), and counted.
     */
    private <T> T guarded(CardDefinition definition, String stage, Supplier<T> build, Supplier<T> fallback) {
        try {
            return build.get();
        } catch (RuntimeException e) {
            log.error(
                    "Card {}: the {} stage failed ({}); the card is answered without it",
                    definition.topic(),
                    stage,
                    e.getClass().getSimpleName());
            faults.fault(stage);
            return fallback.get();
        }
    }

    /** The evidence as bare references, when it could not be described. */
    private static String references(List<Resource> found) {
        return String.join(
                "\n",
                RecordText.capped(found.stream()
                        .map(r -> "- "
                                + RecordText.reference(
                                        r.fhirType(), r.getIdElement().getIdPart()))
                        .distinct()
                        .toList()));
    }

    /** The planned date as people read it, saying so when the order has no day. */
    static String plannedDateText(PlannedDate planned, LocalDate today) {
        if (planned.dated()) {
            return HumanDates.day(planned.date());
        }
        if (planned.periodEnd() == null) {
            return "a day still to be chosen (checked as of today, " + HumanDates.day(today) + ")";
        }
        LocalDate end = planned.periodEnd();
        YearMonth lastMonth = YearMonth.from(end);
        boolean monthEnd = end.equals(lastMonth.atEndOfMonth());
        if (monthEnd && lastMonth.equals(YearMonth.from(planned.date()))) {
            return HumanDates.month(lastMonth) + ", no day set (checked from " + HumanDates.day(planned.date()) + ")";
        }
        if (end.getMonthValue() == 12
                && monthEnd
                && end.getYear() == planned.date().getYear()
                && planned.date().getDayOfYear() == 1) {
            return end.getYear() + ", no day set (checked from " + HumanDates.day(planned.date()) + ")";
        }
        return "a day from " + HumanDates.day(planned.date()) + " to " + HumanDates.day(end) + " (no day set yet)";
    }
}
