package org.hsgcds.orchestration;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.hsgcds.cdshooks.CdsResponse;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.prefetch.PrefetchFallback;
import org.hsgcds.prefetch.PrefetchMetrics;

/**
 * Hook calls for the start-up warm-up ({@code operations.StartupWarmup}): the service's own path (validation,
 * reading the draft orders or appointments, prefetch, evaluation, cards) in a {@link HookService} of its own,
 * whose answers are not recorded as issued cards, not counted in the metrics, never fetch from a FHIR server and
 * do not take the service's CPU slots.
 */
public final class WarmupCalls {

    private static final PrefetchFallback NO_FETCHING = (server, authorization, queries) -> {
        throw new IllegalStateException("The warm-up fetches nothing: its requests carry their prefetch");
    };

    private final HookService service;

    public WarmupCalls(CompiledContent content, String location, FhirContext fhirContext, Clock clock) {
        this.service = new HookService(
                new ContentHolder(content, location),
                compiled -> ActiveContent.of(
                        compiled, fhirContext, clock, NO_FETCHING, PrefetchMetrics.NONE, HookMetrics.NONE),
                clock,
                HookMetrics.NONE,
                IssuedCardsListener.NONE,
                CpuSlots.perProcessor());
    }

    /** Answers as {@code POST /cds-services/{serviceId}} would, for a client at {@code baseUrl}. */
    public CdsResponse answer(String serviceId, CdsServiceRequest request, String baseUrl) {
        return service.answer(serviceId, request, baseUrl);
    }
}
