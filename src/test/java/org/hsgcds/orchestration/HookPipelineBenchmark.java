package org.hsgcds.orchestration;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hsgcds.bench.BenchRequests;
import org.hsgcds.cards.CardAssembler;
import org.hsgcds.cards.CardContext;
import org.hsgcds.cdshooks.Card;
import org.hsgcds.cdshooks.CdsResponse;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.evaluation.PatientRecord;
import org.hsgcds.evaluation.PlannedDate;
import org.hsgcds.evaluation.RuleEvaluator;
import org.hsgcds.prefetch.FhirJsonReader;
import org.hsgcds.prefetch.PatientData;
import org.hsgcds.prefetch.PrefetchResolver;
import org.hsgcds.testsupport.ShippedContent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation with content loaded and the engine warm ({@code evaluate}: CQL + cards on a parsed
 * record) and one whole hook call without HTTP ({@code hookCall}: validation, HAPI parsing of the
 * draft orders and prefetch, evaluation, cards). Run: {@code bench/drivers/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx256m"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class HookPipelineBenchmark {

    @Param({"empty", "typical", "heavy", "non-hsg"})
    public String patient;

    private WarmupCalls hooks;
    private RuleEvaluator evaluator;
    private CardAssembler assembler;
    private CdsServiceRequest request;
    private PatientRecord record;
    private CardContext context;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        FhirContext fhir = FhirContext.forR4Cached();
        CompiledContent content = ShippedContent.get();
        Clock clock = Clock.fixed(
                BenchRequests.PLANNED.minusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        evaluator = new RuleEvaluator(content);
        assembler = new CardAssembler(content.cards(), content.protocol());
        var prefetch =
                new PrefetchResolver(content.services(), new FhirJsonReader(fhir), (server, authorization, queries) -> {
                    throw new IllegalStateException("benchmark requests carry full prefetch");
                });
        hooks = new WarmupCalls(content, "file:./", fhir, clock);
        request = new ObjectMapper().treeToValue(BenchRequests.request(patient), CdsServiceRequest.class);
        PatientData data = prefetch.resolve(request, "bench");
        record = PatientRecord.of("bench", data.resources());
        context = new CardContext(
                "bench",
                "ServiceRequest/order-1",
                request.context().path("draftOrders").path("entry").path(0).path("resource"),
                PlannedDate.on(BenchRequests.PLANNED),
                LocalDate.now(clock),
                "http://localhost:8080",
                List.of());
    }

    @Benchmark
    public List<Card> evaluate() {
        return assembler.cards(evaluator.evaluate(record, BenchRequests.PLANNED, context.today()), context);
    }

    @Benchmark
    public CdsResponse hookCall() {
        return hooks.answer("hsg-order-sign", request, "http://localhost:8080");
    }
}
