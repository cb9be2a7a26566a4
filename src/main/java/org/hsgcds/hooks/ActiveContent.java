package org.hsgcds.hooks;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.hsgcds.cards.CardAssembler;
import org.hsgcds.cards.CardFaults;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.evaluation.RuleEvaluator;
import org.hsgcds.prefetch.FhirJsonReader;
import org.hsgcds.prefetch.PrefetchFallback;
import org.hsgcds.prefetch.PrefetchMetrics;
import org.hsgcds.prefetch.PrefetchResolver;

/**
 * Everything a hook call uses that is derived from one version of the content. A call takes one
 * {@code ActiveContent} and keeps it to the end, so a reload never mixes two versions in one answer.
 */
record ActiveContent(
        CompiledContent content,
        ServiceDiscovery discovery,
        DraftOrderReader orders,
        PrefetchResolver prefetch,
        RuleEvaluator evaluator,
        CardAssembler cards) {

    static ActiveContent of(CompiledContent content, FhirContext fhirContext, Clock clock, PrefetchFallback fallback,
            PrefetchMetrics prefetchMetrics, CardFaults faults) {
        return new ActiveContent(content,
                ServiceDiscovery.from(content.services()),
                new DraftOrderReader(fhirContext, content.valueSets(), content.services().orderValueSet(), clock),
                new PrefetchResolver(content.services(), new FhirJsonReader(fhirContext, content.retrievable()::isRetrievable),
                        fallback, prefetchMetrics),
                new RuleEvaluator(content),
                new CardAssembler(content.cards(), content.protocol(), faults));
    }
}
