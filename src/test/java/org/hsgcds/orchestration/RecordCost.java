package org.hsgcds.orchestration;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.TreeMap;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.evaluation.PatientRecord;
import org.hsgcds.evaluation.RuleEvaluator;
import org.hsgcds.prefetch.FhirJsonReader;
import org.hsgcds.prefetch.PatientData;
import org.hsgcds.prefetch.PrefetchFallback;
import org.hsgcds.prefetch.PrefetchResolver;
import org.hsgcds.testsupport.ShippedContent;

/**
 * Where one hook call's time goes for a request file, step by step, in one warm JVM (no HTTP, no JMH): reading
 * the body as the service's mapper does, gathering the prefetch, evaluating, and the whole call. For A/B checks of
 * the hook path on real-sized records (bench/README.md):
 * {@code java -cp target/test-classes:target/classes:$(cat target/bench.cp) org.hsgcds.orchestration.RecordCost FILE [seconds]}.
 */
public final class RecordCost {

    private RecordCost() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        byte[] body = Files.readAllBytes(Path.of(args[0]));
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
        FhirContext fhir = FhirContext.forR4Cached();
        CompiledContent content = ShippedContent.get();
        Clock clock = Clock.systemUTC();
        ObjectMapper json = bodyMapper();
        WarmupCalls hooks = new WarmupCalls(content, "file:./", fhir, clock);
        PrefetchResolver prefetch = new PrefetchResolver(
                content.services(), new FhirJsonReader(fhir, content.retrievable()::isRetrievable), NO_FALLBACK);
        RuleEvaluator evaluator = new RuleEvaluator(content);

        CdsServiceRequest first = json.readValue(body, CdsServiceRequest.class);
        String patientId = first.context().path("patientId").asText();
        LocalDate planned = plannedDate(first.context(), LocalDate.now(clock));
        var kept = new TreeMap<String, Integer>();
        prefetch.resolve(first, patientId).resources().forEach(r -> kept.merge(r.fhirType(), 1, Integer::sum));
        out.println("resources the rules can retrieve, by type: " + kept);
        String[] names = {"read body", "prefetch (tree, HAPI)", "evaluate", "whole call (read, answer, write)"};
        long[] totals = new long[names.length];
        int n = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long measureFrom = System.nanoTime() + seconds * 1_000_000_000L / 2; // first half: warm-up
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            CdsServiceRequest request = json.readValue(body, CdsServiceRequest.class);
            long t1 = System.nanoTime();
            PatientData data = prefetch.resolve(request, patientId);
            PatientRecord record = PatientRecord.of(patientId, data.resources());
            long t2 = System.nanoTime();
            evaluator.evaluate(record, planned, LocalDate.now(clock));
            long t3 = System.nanoTime();
            CdsServiceRequest again = json.readValue(body, CdsServiceRequest.class);
            json.writeValueAsBytes(hooks.answer("hsg-order-sign", again, "http://127.0.0.1"));
            long t4 = System.nanoTime();
            if (t0 >= measureFrom) {
                totals[0] += t1 - t0;
                totals[1] += t2 - t1;
                totals[2] += t3 - t2;
                totals[3] += t4 - t3;
                n++;
            }
        }
        out.println(String.format(Locale.ROOT, "%s: %d KB, %d measured calls", args[0], body.length / 1024, n));
        for (int i = 0; i < names.length; i++) {
            out.println(String.format(Locale.ROOT, "  %-34s %8.0f us", names[i], totals[i] / 1000.0 / Math.max(1, n)));
        }
    }

    /** Bench requests carry their prefetch: a fallback query is a mistake in the request file. */
    private static final PrefetchFallback NO_FALLBACK = (server, authorization, queries) -> {
        throw new IllegalStateException("the request carries its prefetch");
    };

    /** As the service's mapper reads bodies (application.properties: strict duplicate detection). */
    static ObjectMapper bodyMapper() {
        return JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    private static LocalDate plannedDate(JsonNode context, LocalDate fallback) {
        String occurrence = context.path("draftOrders")
                .path("entry")
                .path(0)
                .path("resource")
                .path("occurrenceDateTime")
                .asText("");
        return occurrence.length() >= 10 ? LocalDate.parse(occurrence.substring(0, 10)) : fallback;
    }
}
