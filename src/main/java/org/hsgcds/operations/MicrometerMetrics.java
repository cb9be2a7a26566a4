package org.hsgcds.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.hsgcds.orchestration.HookMetrics;
import org.hsgcds.prefetch.PrefetchMetrics;
import org.springframework.stereotype.Component;

/**
 * The service's Prometheus metrics. Tags are bounded: service ids come from content ("unknown" for
 * any other path), statuses are HTTP codes, topics and indicators come from the card definitions.
 * No tag ever carries request data.
 */
@Component
class MicrometerMetrics implements HookMetrics, PrefetchMetrics {

    private final MeterRegistry registry;
    private final Timer evaluation;

    MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.evaluation = Timer.builder("hsg.evaluation")
                .description("Time to evaluate the rule library for one draft order")
                .publishPercentileHistogram()
                .register(registry);
    }

    @Override
    public void hookCall(String service, int status, Duration took) {
        Counter.builder("hsg.hook.calls")
                .description("Hook calls by service and HTTP status")
                .tag("service", service)
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
        Timer.builder("hsg.hook.duration")
                .description("Time to answer a hook call, by service and HTTP status")
                .tag("service", service)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(took);
    }

    @Override
    public void evaluation(Duration took) {
        evaluation.record(took);
    }

    @Override
    public void cardIssued(String topic, String indicator) {
        Counter.builder("hsg.cards.issued")
                .description("Cards issued by topic and indicator")
                .tag("topic", topic)
                .tag("indicator", indicator)
                .register(registry)
                .increment();
    }

    @Override
    public void fault(String stage) {
        Counter.builder("hsg.cards.faults")
                .description(
                        "Faults met while building cards (evidence, suggestion, text) or evaluating the rules (evaluation)")
                .tag("stage", stage)
                .register(registry)
                .increment();
    }

    @Override
    public void fetch(String outcome) {
        Counter.builder("hsg.prefetch.fetches")
                .description("Prefetch keys fetched from the EHR's FHIR server, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    void reload(String outcome) {
        Counter.builder("hsg.content.reloads")
                .description("Content reloads by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
