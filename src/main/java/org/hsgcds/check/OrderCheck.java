package org.hsgcds.check;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hsgcds.cards.CardAssembler;
import org.hsgcds.cards.CardContext;
import org.hsgcds.cdshooks.Card;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.evaluation.PatientRecord;
import org.hsgcds.evaluation.RuleEvaluationException;
import org.hsgcds.evaluation.RuleEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order check every entry point shares (each hook, the command line): a patient's record and one HSG order or
 * appointment, named with its planned date in the card context → the rules evaluated on that date → its cards, with
 * the safety invariants of {@link CardAssembler}. Rules that cannot be evaluated give the data-unavailable card, never
 * silence. Thread-safe: the compiled content is shared and each evaluation gets its own engine.
 */
public final class OrderCheck {

    private static final Logger log = LoggerFactory.getLogger(OrderCheck.class);
    /** The data source named on the data-unavailable card when the rules could not be evaluated. */
    public static final String RULES_FAILED = "rule evaluation (the record holds data the rules could not interpret)";

    private final RuleEvaluator evaluator;
    private final CardAssembler cards;
    private final CheckMetrics metrics;

    public OrderCheck(RuleEvaluator evaluator, CardAssembler cards, CheckMetrics metrics) {
        this.evaluator = evaluator;
        this.cards = cards;
        this.metrics = metrics;
    }

    public static OrderCheck of(CompiledContent content, CheckMetrics metrics) {
        return new OrderCheck(
                new RuleEvaluator(content), new CardAssembler(content.cards(), content.protocol(), metrics), metrics);
    }

    /** The cards for one HSG order of the patient whose record this is. */
    public List<Card> cards(
            PatientRecord record, HsgOrder order, LocalDate today, String baseUrl, List<String> unavailable) {
        return cards(
                record,
                new CardContext(
                        record.patientId(),
                        order.reference(),
                        order.json(),
                        order.planned(),
                        today,
                        baseUrl,
                        unavailable));
    }

    /** The cards for the order or appointment the context names. */
    public List<Card> cards(PatientRecord record, CardContext context) {
        try {
            long started = System.nanoTime();
            var results = evaluator.evaluate(record, context.planned(), context.today());
            metrics.evaluation(Duration.ofNanos(System.nanoTime() - started));
            return cards.cards(results, context);
        } catch (RuleEvaluationException e) {
            if (e.programmingError()) {
                log.error(
                        "Rule evaluation failed with a programming error ({}); answering with data-unavailable",
                        e.rootCauseType());
            } else {
                log.warn(
                        "Rule evaluation failed on the record's data ({}); answering with data-unavailable",
                        e.rootCauseType());
            }
            metrics.fault("evaluation");
            // The engine's messages can quote record values, so the trace is only logged at debug level.
            log.debug("Rule evaluation failure", e);
            List<String> unavailable = new ArrayList<>(context.unavailableSources());
            unavailable.add(RULES_FAILED);
            return cards.unavailableOnly(context.withUnavailable(unavailable));
        }
    }
}
