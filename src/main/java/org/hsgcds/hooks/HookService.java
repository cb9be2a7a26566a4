package org.hsgcds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.hsgcds.cards.CardAssembler;
import org.hsgcds.cards.CardContext;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.content.ServiceCatalog;
import org.hsgcds.evaluation.PatientRecord;
import org.hsgcds.evaluation.RuleEvaluationException;
import org.hsgcds.prefetch.PatientData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Answers one hook call: validate, find the HSG orders, gather data, evaluate, build cards. Each call
 * works on one {@link ActiveContent}, taken from the current content when the call starts.
 */
public final class HookService {

    private static final Logger log = LoggerFactory.getLogger(HookService.class);
    /** MDC key of the correlation id in logs; only well-formed instance ids are put there. */
    public static final String MDC_HOOK_INSTANCE = "hookInstance";
    private static final Pattern SAFE_INSTANCE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final ContentHolder content;
    private final Function<CompiledContent, ActiveContent> derive;
    private final AtomicReference<ActiveContent> active = new AtomicReference<>();
    private final HookRequestValidator validator = new HookRequestValidator();
    private final Clock clock;
    private final HookMetrics metrics;
    private final IssuedCardsListener issued;
    private final CpuSlots slots;

    HookService(ContentHolder content, Function<CompiledContent, ActiveContent> derive, Clock clock, HookMetrics metrics,
            IssuedCardsListener issued, CpuSlots slots) {
        this.content = content;
        this.slots = slots;
        this.derive = derive;
        this.clock = clock;
        this.metrics = metrics;
        this.issued = issued;
    }

    /** The discovery document of the current content. */
    ServiceDiscovery discovery() {
        return active().discovery();
    }

    public CdsResponse answer(String serviceId, CdsServiceRequest request, String baseUrl) {
        long started = System.nanoTime();
        ActiveContent current = active();
        String serviceTag = current.content().services().find(serviceId).isPresent() ? serviceId : "unknown";
        int status = 500;
        try (MDC.MDCCloseable ignored = correlate(request)) {
            CdsResponse response = answer(current, serviceId, request, baseUrl);
            status = 200;
            response.cards().forEach(card -> metrics.cardIssued(card.source().topic().code(), card.indicator()));
            if (!response.cards().isEmpty()) {
                log.info("Answered {}: {} cards in {} ms", serviceTag, response.cards().size(),
                        (System.nanoTime() - started) / 1_000_000);
            } else {
                // Orders the service does not handle are the bulk of calls: a line each would cost more than the answer.
                log.debug("Answered {}: no cards in {} ms", serviceTag, (System.nanoTime() - started) / 1_000_000);
            }
            return response;
        } catch (HookRequestException e) {
            status = e.status().value();
            throw e;
        } finally {
            metrics.hookCall(serviceTag, status, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private CdsResponse answer(ActiveContent current, String serviceId, CdsServiceRequest request, String baseUrl) {
        ServiceCatalog.ServiceDefinition service = current.content().services().find(serviceId)
                .orElseThrow(() -> HookRequestException.unknownService(serviceId));
        validator.validate(service, request);
        List<String> selections = "order-select".equals(service.hook())
                ? HookRequestValidator.selections(request.context()) : null;
        List<DraftOrder> hsgOrders = current.orders().hsgOrders(request.context().get("draftOrders"), selections);
        if (hsgOrders.isEmpty()) {
            return CdsResponse.empty();
        }
        List<Card> answer = slots.run(() -> cards(current, request, hsgOrders, baseUrl));
        issued.issued(serviceId, request.hookInstance(), answer);
        return new CdsResponse(answer);
    }

    private List<Card> cards(ActiveContent current, CdsServiceRequest request, List<DraftOrder> hsgOrders, String baseUrl) {
        String patientId = request.context().get("patientId").asText();
        PatientData data = current.prefetch().resolve(request, patientId);
        PatientRecord record = PatientRecord.of(patientId, data.resources());
        List<Card> answer = new ArrayList<>();
        for (DraftOrder order : hsgOrders) {
            CardContext context = new CardContext(patientId, order.reference(), order.json(), order.planned(),
                    LocalDate.now(clock), baseUrl, data.unavailable());
            answer.addAll(evaluate(current, record, context));
        }
        return answer;
    }

    /** True only when the context's draft orders are a bundle in which no order can be an HSG order. */
    boolean holdsNoHsgOrder(JsonNode context) {
        JsonNode draftOrders = context == null ? null : context.get("draftOrders");
        return draftOrders != null && draftOrders.isObject() && !active().orders().mayHoldHsgOrder(draftOrders);
    }

    private ActiveContent active() {
        CompiledContent now = content.content();
        ActiveContent derived = active.get();
        if (derived == null || derived.content() != now) {
            derived = derive.apply(now);
            active.set(derived);
        }
        return derived;
    }

    /** Puts a well-formed hookInstance in the MDC for the call; anything else is left out of logs. */
    private static MDC.MDCCloseable correlate(CdsServiceRequest request) {
        String instance = request == null ? null : request.hookInstance();
        return instance != null && SAFE_INSTANCE.matcher(instance).matches() ? MDC.putCloseable(MDC_HOOK_INSTANCE, instance) : null;
    }

    private List<Card> evaluate(ActiveContent current, PatientRecord record, CardContext context) {
        CardAssembler cards = current.cards();
        try {
            long started = System.nanoTime();
            var results = current.evaluator().evaluate(record, context.planned(), context.today());
            metrics.evaluation(Duration.ofNanos(System.nanoTime() - started));
            return cards.cards(results, context);
        } catch (RuleEvaluationException e) {
            if (e.programmingError()) {
                log.error("Rule evaluation failed with a programming error ({}); answering with data-unavailable", e.rootCauseType());
            } else {
                log.warn("Rule evaluation failed on the record's data ({}); answering with data-unavailable", e.rootCauseType());
            }
            metrics.fault("evaluation");
            // The engine's messages can quote record values, so the trace is only logged at debug level.
            log.debug("Rule evaluation failure", e);
            List<String> unavailable = new ArrayList<>(context.unavailableSources());
            unavailable.add("rule evaluation (the record holds data the rules could not interpret)");
            return cards.unavailableOnly(context.withUnavailable(unavailable));
        }
    }
}
