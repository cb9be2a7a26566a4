package org.hsgcds.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.hsgcds.cards.CardContext;
import org.hsgcds.cdshooks.Card;
import org.hsgcds.cdshooks.CdsResponse;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.hsgcds.cdshooks.Hook;
import org.hsgcds.cdshooks.HookContext;
import org.hsgcds.cdshooks.HookContextScreen;
import org.hsgcds.check.HsgOrder;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.content.ServiceCatalog;
import org.hsgcds.evaluation.PatientRecord;
import org.hsgcds.prefetch.PatientData;
import org.hsgcds.prefetch.PrefetchOutcome;
import org.hsgcds.prefetch.PrefetchResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Answers one hook call: validate, find the HSG orders (or appointments), gather data, evaluate, build cards. Each call
 * works on one {@link ActiveContent}, taken from the current content when the call starts.
 */
public final class HookService implements HookContextScreen {

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
    private final Duration maxSlotWait;

    HookService(
            ContentHolder content,
            Function<CompiledContent, ActiveContent> derive,
            Clock clock,
            HookMetrics metrics,
            IssuedCardsListener issued,
            CpuSlots slots) {
        this(content, derive, clock, metrics, issued, slots, Duration.ofDays(1));
    }

    HookService(
            ContentHolder content,
            Function<CompiledContent, ActiveContent> derive,
            Clock clock,
            HookMetrics metrics,
            IssuedCardsListener issued,
            CpuSlots slots,
            Duration maxSlotWait) {
        this.maxSlotWait = maxSlotWait;
        this.content = content;
        this.slots = slots;
        this.derive = derive;
        this.clock = clock;
        this.metrics = metrics;
        this.issued = issued;
    }

    /** The discovery document of the current content. */
    public ServiceDiscovery discovery() {
        return active().discovery();
    }

    /**
     * Answers one call. Throws {@link HookCallException} for a call that breaks the contract or names no service,
     * and {@link org.hsgcds.prefetch.PrefetchRequiredException} when data the rules need cannot be had.
     */
    public CdsResponse answer(String serviceId, CdsServiceRequest request, String baseUrl) {
        return answer(serviceId, request, baseUrl, () -> true);
    }

    /**
     * Answers one call for a client that may hang up (#29): {@code clientPresent} is asked while the call waits
     * for its CPU slot and again before its cards are recorded as issued; a client gone by then gets nothing
     * evaluated or recorded ({@link CallAbandonedException}). A call that waits longer than the slot wait is
     * refused with {@link SlotsBusyException}.
     */
    public CdsResponse answer(
            String serviceId, CdsServiceRequest request, String baseUrl, BooleanSupplier clientPresent) {
        long started = System.nanoTime();
        ActiveContent current = active();
        String serviceTag = serviceTag(current, serviceId);
        try (MDC.MDCCloseable ignored = correlate(request)) {
            CdsResponse response = answer(current, serviceId, request, baseUrl, clientPresent)
                    .withContentVersion(current.content().version());
            response.cards()
                    .forEach(card -> metrics.cardIssued(
                            card.source().topic().code(), card.indicator().code()));
            if (!response.cards().isEmpty()) {
                log.info(
                        "Answered {}: {} cards in {} ms",
                        serviceTag,
                        response.cards().size(),
                        (System.nanoTime() - started) / 1_000_000);
            } else {
                // Orders the service does not handle are the bulk of calls: a line each would cost more than the
                // answer.
                log.debug("Answered {}: no cards in {} ms", serviceTag, (System.nanoTime() - started) / 1_000_000);
            }
            return response;
        }
    }

    /** The service id as a metrics tag: the id of a known service, else "unknown" (ids are caller input). */
    public String serviceTag(String serviceId) {
        return serviceTag(active(), serviceId);
    }

    private static String serviceTag(ActiveContent current, String serviceId) {
        return current.content().services().find(serviceId).isPresent() ? serviceId : "unknown";
    }

    private CdsResponse answer(
            ActiveContent current,
            String serviceId,
            CdsServiceRequest request,
            String baseUrl,
            BooleanSupplier clientPresent) {
        ServiceCatalog.ServiceDefinition service = current.content()
                .services()
                .find(serviceId)
                .orElseThrow(() -> HookCallException.unknownService(serviceId));
        HookContext context = validator.validate(service, request);
        List<Card> answer;
        if (context.hook() == Hook.APPOINTMENT_BOOK) {
            List<BookedAppointment> candidates = current.appointments().candidates(context.appointments());
            if (candidates.isEmpty()) {
                return CdsResponse.empty();
            }
            try (CpuSlots.Held ignored = slots.hold(maxSlotWait, clientPresent)) {
                answer = appointmentCards(current, service, request, context, candidates, baseUrl);
            }
            if (answer.isEmpty()) {
                return CdsResponse.empty();
            }
        } else {
            List<HsgOrder> hsgOrders = current.orders().hsgOrders(context.draftOrders(), context.selections());
            if (hsgOrders.isEmpty()) {
                return CdsResponse.empty();
            }
            try (CpuSlots.Held ignored = slots.hold(maxSlotWait, clientPresent)) {
                answer = cards(current, request, context, hsgOrders, baseUrl);
            }
        }
        if (!answer.isEmpty() && !clientPresent.getAsBoolean()) {
            // Cards no one will see are not "issued": feedback on them cannot come, and the analytics would count them.
            throw new CallAbandonedException();
        }
        issued.issued(serviceId, request.hookInstance(), answer);
        return new CdsResponse(answer);
    }

    private List<Card> cards(
            ActiveContent current,
            CdsServiceRequest request,
            HookContext context,
            List<HsgOrder> hsgOrders,
            String baseUrl) {
        String patientId = context.patientId();
        PatientData data = current.prefetch().resolve(request, patientId);
        PatientRecord record = PatientRecord.of(patientId, data.resources());
        List<Card> answer = new ArrayList<>();
        for (HsgOrder order : hsgOrders) {
            answer.addAll(current.check().cards(record, order, today(current), baseUrl, data.unavailable()));
        }
        return answer;
    }

    /**
     * The appointment-book path: which candidates are HSG appointments (looking up the ServiceRequests that
     * {@code basedOn} names, from prefetch or the FHIR server, only when some appointment needs it), then the
     * same check as for orders, on each appointment's date. A ServiceRequest key that could not be read leaves
     * open whether a basedOn-only appointment is an HSG one: it is checked as one, with data-unavailable.
     */
    private List<Card> appointmentCards(
            ActiveContent current,
            ServiceCatalog.ServiceDefinition service,
            CdsServiceRequest request,
            HookContext hookContext,
            List<BookedAppointment> candidates,
            String baseUrl) {
        String patientId = hookContext.patientId();
        String ordersKey = ServiceCatalog.APPOINTMENT_ORDERS_KEY;
        PrefetchOutcome orders = null;
        PatientData data;
        if (candidates.stream().noneMatch(BookedAppointment::needsOrderLookup)) {
            data = current.prefetch().resolve(request, patientId);
        } else {
            Optional<PrefetchOutcome> sent = current.prefetch().sent(request, ordersKey);
            if (sent.isPresent()
                    && hsgAppointments(current, candidates, sent.get()).isEmpty()) {
                return List.of();
            }
            PrefetchResolver.Resolved resolved = current.prefetch()
                    .resolve(
                            request,
                            patientId,
                            sent.isPresent()
                                    ? Map.of()
                                    : Map.of(
                                            ordersKey,
                                            service.additionalPrefetch().get(ordersKey)));
            orders = sent.orElseGet(() -> resolved.additional().get(ordersKey));
            data = resolved.data();
        }
        List<BookedAppointment> hsg = hsgAppointments(current, candidates, orders);
        PatientRecord record = PatientRecord.of(patientId, data.resources());
        CardContext.Appointment naming = new CardContext.Appointment(hsg.size() > 1);
        List<Card> answer = new ArrayList<>();
        for (BookedAppointment appointment : hsg) {
            List<String> unavailable = new ArrayList<>(data.unavailable());
            if (!appointment.hsgByCode() && orders != null && orders.failed()) {
                unavailable.add(ordersKey + " (" + orders.failure()
                        + "; so whether this appointment is for an HSG could not be checked)");
            }
            CardContext context = new CardContext(
                    patientId,
                    appointment.reference(),
                    appointment.json(),
                    appointment.planned(),
                    today(current),
                    baseUrl,
                    unavailable,
                    naming);
            answer.addAll(current.check().cards(record, context));
        }
        return answer;
    }

    /** Today in the department's time zone (the site protocol's). */
    private LocalDate today(ActiveContent current) {
        return current.content().protocol().today(clock);
    }

    /** The candidates that are HSG appointments: by their own codes, by an HSG order they are based on, or unknown (orders unreadable). */
    private static List<BookedAppointment> hsgAppointments(
            ActiveContent current, List<BookedAppointment> candidates, PrefetchOutcome orders) {
        return candidates.stream()
                .filter(a -> a.hsgByCode()
                        || (orders != null
                                && (orders.failed() || current.appointments().basedOnHsgOrder(a, orders.resources()))))
                .toList();
    }

    /**
     * True only when the context's draft orders (or, with no draft orders, its appointments) are a bundle in
     * which nothing can be an HSG order or appointment.
     */
    @Override
    public boolean holdsNoHsgOrder(JsonNode context) {
        JsonNode draftOrders = context == null ? null : context.get("draftOrders");
        if (draftOrders != null) {
            return draftOrders.isObject() && !active().orders().mayHoldHsgOrder(draftOrders);
        }
        JsonNode appointments = context == null ? null : context.get("appointments");
        return appointments != null
                && appointments.isObject()
                && !active().appointments().mayHoldHsgAppointment(appointments);
    }

    /**
     * The derived view of the current content. Deriving is not free, so it happens once per content version:
     * the fast path reads the reference; a new version is derived under the lock, so concurrent calls that
     * meet it derive it once and none overwrites a newer view with an older one. Versions are compared by identity:
     * a reload makes a new {@code CompiledContent}, and that is what "new version" means.
     */
    @SuppressWarnings("ReferenceEquality")
    private ActiveContent active() {
        ActiveContent derived = active.get();
        if (derived != null && derived.content() == content.content()) {
            return derived;
        }
        synchronized (active) {
            CompiledContent now = content.content();
            derived = active.get();
            if (derived == null || derived.content() != now) {
                derived = derive.apply(now);
                active.set(derived);
            }
            return derived;
        }
    }

    /** Puts a well-formed hookInstance in the MDC for the call; anything else is left out of logs. */
    private static MDC.MDCCloseable correlate(CdsServiceRequest request) {
        String instance = request == null ? null : request.hookInstance();
        return instance != null && SAFE_INSTANCE.matcher(instance).matches()
                ? MDC.putCloseable(MDC_HOOK_INSTANCE, instance)
                : null;
    }
}
