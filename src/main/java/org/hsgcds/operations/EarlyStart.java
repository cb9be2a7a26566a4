package org.hsgcds.operations;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ContentLoader;
import org.hsgcds.content.PreloadedContent;
import org.hsgcds.content.ServiceCatalog;
import org.hsgcds.evaluation.RuleEvaluator;
import org.hsgcds.orchestration.WarmupCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/**
 * What {@code java -jar} starts beside the Spring context, on one thread of its own: loading the rule content
 * ({@link PreloadedContent}), preparing the engine's model resolver ({@link RuleEvaluator#prepare}), then the
 * start-up warm-up ({@link StartupWarmup}) on the example hook requests bundled
 * in the jar ({@code fhir-resources/examples/}, packed as {@code workbench/examples/}). Both need only the settings,
 * so they start as soon as the environment is ready, while Spring builds the context on the main thread; the
 * content and the warm-up join the context as beans before it is refreshed. Registered by the application's
 * {@code main} only: test contexts load their content as beans and never warm up.
 */
public final class EarlyStart implements ApplicationListener<ApplicationEvent> {

    private static final Logger log = LoggerFactory.getLogger(EarlyStart.class);

    static final String EXAMPLES = "classpath*:workbench/examples/*.json";
    static final String THREAD = "hsg-early-start";

    private PreloadedContent content;
    private StartupWarmup warmup;

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared && content == null) {
            start(prepared);
        } else if (event instanceof ApplicationPreparedEvent prepared && content != null) {
            var beans = prepared.getApplicationContext().getBeanFactory();
            beans.registerSingleton("preloadedContent", content);
            if (warmup != null) {
                beans.registerSingleton("startupWarmup", warmup);
            }
        } else if (event instanceof ApplicationFailedEvent && warmup != null) {
            warmup.stop();
        }
    }

    private void start(ApplicationEnvironmentPreparedEvent event) {
        content = PreloadedContent.forSettingsIn(event.getEnvironment());
        WarmupProperties settings =
                Binder.get(event.getEnvironment()).bindOrCreate("hsg.warmup", WarmupProperties.class);
        warmup = settings.enabled() ? new StartupWarmup(settings) : null;
        PreloadedContent loading = content;
        StartupWarmup warming = warmup;
        Thread thread = new Thread(
                () -> {
                    FhirContext fhir = FhirContext.forR4Cached();
                    var loaded = loading.load(fhir);
                    List<Callable<Integer>> calls;
                    try {
                        RuleEvaluator.prepare();
                        calls = loaded.isPresent() ? calls(loaded.get(), loading.location(), fhir) : List.of();
                    } catch (IOException | RuntimeException | LinkageError e) {
                        // Only the warm-up is lost: the context builds everything it needs on its own.
                        log.warn(
                                "Start-up warm-up not started: {}", e.getClass().getSimpleName());
                        calls = List.of();
                    }
                    if (warming != null) {
                        warming.work(calls);
                    }
                },
                THREAD);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Each bundled example request as one whole hook call: read as the service's mapper reads bodies, answered by
     * the service named by its hook, the answer written.
     */
    static List<Callable<Integer>> calls(CompiledContent content, String location, FhirContext fhir)
            throws IOException {
        ObjectMapper json = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .serializationInclusion(JsonInclude.Include.NON_EMPTY)
                .build();
        WarmupCalls hooks = new WarmupCalls(content, location, fhir, Clock.systemUTC());
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String body : exampleRequests(json)) {
            calls.add(() -> {
                CdsServiceRequest request = json.readValue(body, CdsServiceRequest.class);
                var answer = hooks.answer(serviceFor(content.services(), request.hook()), request, "http://127.0.0.1");
                json.writeValueAsBytes(answer);
                return answer.cards().size();
            });
        }
        return calls;
    }

    /** The bundled examples that are whole hook requests (they have a {@code hook}), as text, in name order. */
    static List<String> exampleRequests(ObjectMapper json) throws IOException {
        List<String> requests = new ArrayList<>();
        for (String text : ContentLoader.read(EXAMPLES).values()) {
            if (json.readTree(text).hasNonNull("hook")) {
                requests.add(text);
            }
        }
        return requests;
    }

    private static String serviceFor(ServiceCatalog services, String hook) {
        return services.services().stream()
                .filter(s -> s.hook().code().equals(hook))
                .map(ServiceCatalog.ServiceDefinition::id)
                .findFirst()
                .orElse("unknown");
    }
}
