package org.hsgcds.orchestration;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.ZoneId;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.prefetch.PrefetchFallback;
import org.hsgcds.prefetch.PrefetchMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(EvaluationProperties.class)
class HooksConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        // "Today" for the rules is the server's local date: run the JVM in the site's zone (-Duser.timezone).
        return Clock.system(ZoneId.systemDefault());
    }

    @Bean
    CpuSlots cpuSlots(EvaluationProperties evaluation) {
        return evaluation.slots() > 0 ? new CpuSlots(evaluation.slots()) : CpuSlots.perProcessor();
    }

    @Bean
    HookService hookService(
            ContentHolder content,
            FhirContext fhirContext,
            Clock clock,
            PrefetchFallback fallback,
            ObjectProvider<HookMetrics> hookMetrics,
            ObjectProvider<PrefetchMetrics> prefetchMetrics,
            ObjectProvider<IssuedCardsListener> issued,
            CpuSlots slots,
            EvaluationProperties evaluation) {
        PrefetchMetrics fetches = prefetchMetrics.getIfAvailable(() -> PrefetchMetrics.NONE);
        HookMetrics metrics = hookMetrics.getIfAvailable(() -> HookMetrics.NONE);
        // Fetching from the EHR's FHIR server waits on the network: the call's CPU slot is free meanwhile.
        PrefetchFallback fetchOutsideSlot = fallback.around(slots::outside);
        return new HookService(
                content,
                compiled -> ActiveContent.of(compiled, fhirContext, clock, fetchOutsideSlot, fetches, metrics),
                clock,
                metrics,
                issued.getIfAvailable(() -> IssuedCardsListener.NONE),
                slots,
                evaluation.maxSlotWait());
    }
}
