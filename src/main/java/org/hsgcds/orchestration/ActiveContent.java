package org.hsgcds.orchestration;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.hsgcds.check.CheckMetrics;
import org.hsgcds.check.HsgOrders;
import org.hsgcds.check.OrderCheck;
import org.hsgcds.content.CompiledContent;
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
        AppointmentReader appointments,
        PrefetchResolver prefetch,
        OrderCheck check) {

    static ActiveContent of(
            CompiledContent content,
            FhirContext fhirContext,
            Clock clock,
            PrefetchFallback fallback,
            PrefetchMetrics prefetchMetrics,
            CheckMetrics metrics) {
        HsgOrders hsg = HsgOrders.of(content);
        return new ActiveContent(
                content,
                ServiceDiscovery.from(content.services()),
                new DraftOrderReader(fhirContext, hsg, clock),
                new AppointmentReader(fhirContext, hsg, clock),
                new PrefetchResolver(
                        content.services(),
                        new FhirJsonReader(fhirContext, content.retrievable()::isRetrievable),
                        fallback,
                        prefetchMetrics),
                OrderCheck.of(content, metrics));
    }
}
