package org.hsgcds.hooks;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.prefetch.PrefetchFallback;
import org.hsgcds.prefetch.PrefetchMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class HooksConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    HookService hookService(ContentHolder content, FhirContext fhirContext, Clock clock, PrefetchFallback fallback,
            ObjectProvider<HookMetrics> hookMetrics, ObjectProvider<PrefetchMetrics> prefetchMetrics,
            ObjectProvider<IssuedCardsListener> issued, @Value("${hsg.evaluation.slots:0}") int configuredSlots) {
        PrefetchMetrics fetches = prefetchMetrics.getIfAvailable(() -> PrefetchMetrics.NONE);
        CpuSlots slots = configuredSlots > 0 ? new CpuSlots(configuredSlots) : CpuSlots.perProcessor();
        // Fetching from the EHR's FHIR server waits on the network: the call's CPU slot is free meanwhile.
        PrefetchFallback fetchOutsideSlot = (server, authorization, queries) ->
                slots.outside(() -> fallback.fetch(server, authorization, queries));
        return new HookService(content, compiled -> ActiveContent.of(compiled, fhirContext, clock, fetchOutsideSlot, fetches), clock,
                hookMetrics.getIfAvailable(() -> HookMetrics.NONE), issued.getIfAvailable(() -> IssuedCardsListener.NONE), slots);
    }
}
