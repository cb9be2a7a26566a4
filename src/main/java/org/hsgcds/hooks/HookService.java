package org.hsgcds.hooks;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hsgcds.cards.CardAssembler;
import org.hsgcds.cards.CardContext;
import org.hsgcds.content.ServiceCatalog;
import org.hsgcds.evaluation.PatientRecord;
import org.hsgcds.evaluation.RuleEvaluationException;
import org.hsgcds.evaluation.RuleEvaluator;
import org.hsgcds.prefetch.PatientData;
import org.hsgcds.prefetch.PrefetchResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers one hook call: validate, find the HSG orders, gather data, evaluate, build cards. */
public final class HookService {

    private static final Logger log = LoggerFactory.getLogger(HookService.class);

    private final ServiceCatalog services;
    private final HookRequestValidator validator = new HookRequestValidator();
    private final DraftOrderReader orders;
    private final PrefetchResolver prefetch;
    private final RuleEvaluator evaluator;
    private final CardAssembler cards;
    private final Clock clock;
    private final IssuedCardsListener issued;

    HookService(ServiceCatalog services, DraftOrderReader orders, PrefetchResolver prefetch, RuleEvaluator evaluator,
            CardAssembler cards, Clock clock, IssuedCardsListener issued) {
        this.clock = clock;
        this.issued = issued;
        this.services = services;
        this.orders = orders;
        this.prefetch = prefetch;
        this.evaluator = evaluator;
        this.cards = cards;
    }

    public CdsResponse answer(String serviceId, CdsServiceRequest request, String baseUrl) {
        ServiceCatalog.ServiceDefinition service = services.find(serviceId)
                .orElseThrow(() -> HookRequestException.unknownService(serviceId));
        validator.validate(service, request);
        List<String> selections = "order-select".equals(service.hook())
                ? HookRequestValidator.selections(request.context()) : null;
        List<DraftOrder> hsgOrders = orders.hsgOrders(request.context().get("draftOrders"), selections);
        if (hsgOrders.isEmpty()) {
            return CdsResponse.empty();
        }
        String patientId = request.context().get("patientId").asText();
        PatientData data = prefetch.resolve(request, patientId);
        PatientRecord record = PatientRecord.of(patientId, data.resources());
        List<Card> answer = new ArrayList<>();
        for (DraftOrder order : hsgOrders) {
            CardContext context = new CardContext(patientId, order.reference(), order.json(), order.plannedDate(),
                    LocalDate.now(clock), baseUrl, data.unavailable());
            answer.addAll(evaluate(record, context));
        }
        issued.issued(serviceId, request.hookInstance(), answer);
        return new CdsResponse(answer);
    }

    private List<Card> evaluate(PatientRecord record, CardContext context) {
        try {
            return cards.cards(evaluator.evaluate(record, context.plannedDate(), context.today()), context);
        } catch (RuleEvaluationException e) {
            log.warn("Rule evaluation failed ({}); answering with data-unavailable", rootCauseType(e));
            // The engine's messages can quote record values, so the trace is only logged at debug level.
            log.debug("Rule evaluation failure", e);
            List<String> unavailable = new ArrayList<>(context.unavailableSources());
            unavailable.add("rule evaluation (the record holds data the rules could not interpret)");
            return cards.unavailableOnly(context.withUnavailable(unavailable));
        }
    }

    private static String rootCauseType(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
