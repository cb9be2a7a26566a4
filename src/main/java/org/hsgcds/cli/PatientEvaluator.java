package org.hsgcds.cli;

import org.hsgcds.cdshooks.Card;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.hsgcds.cards.CardAssembler;
import org.hsgcds.cards.CardContext;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.evaluation.PatientRecord;
import org.hsgcds.evaluation.RuleEvaluationException;
import org.hsgcds.evaluation.RuleEvaluator;

/**
 * The hook pipeline after the data is gathered, without the web edge: one patient's resources and
 * an HSG order → the rule library → the cards, with the same safety invariants as a hook call.
 * Thread-safe: the compiled content is shared and each evaluation gets its own engine.
 */
final class PatientEvaluator {

    static final String RULES_FAILED = "rule evaluation (the record holds data the rules could not interpret)";

    private final RuleEvaluator evaluator;
    private final CardAssembler cards;
    private final String baseUrl;

    PatientEvaluator(CompiledContent content, String baseUrl) {
        this.evaluator = new RuleEvaluator(content);
        this.cards = new CardAssembler(content.cards(), content.protocol());
        this.baseUrl = baseUrl;
    }

    /** @param unavailable data that could not be read (each makes the record incomplete: no all-clear card) */
    List<Card> cards(String patientId, List<Resource> resources, List<String> unavailable, PlannedOrder order, LocalDate today) {
        PatientRecord record = PatientRecord.of(patientId, resources);
        CardContext context = new CardContext(patientId, order.reference(), order.json(), order.plannedDate(), today,
                baseUrl, unavailable);
        try {
            return cards.cards(evaluator.evaluate(record, order.plannedDate(), today), context);
        } catch (RuleEvaluationException e) {
            return cards.unavailableOnly(context.withUnavailable(
                    java.util.stream.Stream.concat(unavailable.stream(), java.util.stream.Stream.of(RULES_FAILED)).toList()));
        }
    }
}
