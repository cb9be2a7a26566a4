package org.hsgcds.cli;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.hsgcds.cdshooks.Card;
import org.hsgcds.check.CheckMetrics;
import org.hsgcds.check.HsgOrder;
import org.hsgcds.check.HsgOrders;
import org.hsgcds.check.OrderCheck;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.evaluation.PatientRecord;

/**
 * The command line's view of the order check the hooks use ({@link OrderCheck}, {@link HsgOrders}): one patient's
 * resources and an HSG order → the cards, with the same safety invariants as a hook call. Thread-safe.
 */
final class PatientEvaluator {

    private final OrderCheck check;
    private final HsgOrders orders;
    private final String baseUrl;

    PatientEvaluator(CompiledContent content, String baseUrl) {
        this.check = OrderCheck.of(content, CheckMetrics.NONE);
        this.orders = HsgOrders.of(content);
        this.baseUrl = baseUrl;
    }

    HsgOrders orders() {
        return orders;
    }

    /** A draft HSG order for the patient on the given day, for a patient given without one. */
    HsgOrder plannedOrder(String patientId, LocalDate day) {
        return orders.planned(patientId, day);
    }

    /** @param unavailable data that could not be read (each makes the record incomplete: no all-clear card) */
    List<Card> cards(
            String patientId, List<Resource> resources, List<String> unavailable, HsgOrder order, LocalDate today) {
        return check.cards(PatientRecord.of(patientId, resources), order, today, baseUrl, unavailable);
    }
}
