package org.hsgcds.hooks;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.hsgcds.cards.CardAssembler;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.evaluation.RuleEvaluator;
import org.hsgcds.prefetch.FhirJsonReader;
import org.hsgcds.prefetch.PrefetchFallback;
import org.hsgcds.prefetch.PrefetchResolver;
import org.springframework.beans.factory.ObjectProvider;
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
    ServiceDiscovery serviceDiscovery(CompiledContent content) {
        return ServiceDiscovery.from(content.services());
    }

    @Bean
    HookService hookService(CompiledContent content, FhirContext fhirContext, Clock clock, PrefetchFallback fallback,
            ObjectProvider<IssuedCardsListener> issued) {
        var orders = new DraftOrderReader(fhirContext, content.valueSets(), content.services().orderValueSet(), clock);
        var prefetch = new PrefetchResolver(content.services(), new FhirJsonReader(fhirContext), fallback);
        return new HookService(content.services(), orders, prefetch, new RuleEvaluator(content),
                new CardAssembler(content.cards()), clock, issued.getIfAvailable(() -> IssuedCardsListener.NONE));
    }
}
