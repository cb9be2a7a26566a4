package org.hsgcds.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hsgcds.cards.CardAssembler;
import org.hsgcds.cdshooks.CdsResponse;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.hsgcds.check.OrderCheck;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.evaluation.PatientRecord;
import org.hsgcds.evaluation.PlannedDate;
import org.hsgcds.evaluation.RuleEvaluationException;
import org.hsgcds.evaluation.RuleEvaluator;
import org.hsgcds.evaluation.RuleResults;
import org.hsgcds.prefetch.PrefetchMetrics;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.ShippedContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A programming error in evaluation still answers with the fail-safe card, and says so at ERROR and in the fault count. */
@ExtendWith(OutputCaptureExtension.class)
class EvaluationFaultTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    private static CompiledContent content;

    @BeforeAll
    static void load() {
        content = ShippedContent.get();
    }

    @Test
    void programmingErrorGivesDataUnavailableLoggedAtErrorAndCounted(CapturedOutput output) throws Exception {
        List<String> faults =
                answerWith(new RuleEvaluationException("x", new NullPointerException("a record value"), true));
        assertThat(output)
                .contains("ERROR")
                .contains("programming error (NullPointerException)")
                .doesNotContain("a record value");
        assertThat(faults).containsExactly("evaluation");
    }

    @Test
    void dataProblemGivesDataUnavailableLoggedAtWarnAndCounted(CapturedOutput output) throws Exception {
        List<String> faults = answerWith(new RuleEvaluationException("x", new IllegalArgumentException(), false));
        assertThat(output)
                .contains("WARN")
                .contains("data (IllegalArgumentException)")
                .doesNotContain("ERROR");
        assertThat(faults).containsExactly("evaluation");
    }

    private static List<String> answerWith(RuleEvaluationException failure) throws Exception {
        FhirContext fhir = FhirContext.forR4Cached();
        Clock clock = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        List<String> faults = new ArrayList<>();
        HookMetrics metrics = new HookMetrics() {
            @Override
            public void fault(String stage) {
                faults.add(stage);
            }
        };
        HookService hooks = new HookService(
                new ContentHolder(content, "file:./"),
                compiled -> {
                    ActiveContent real = ActiveContent.of(
                            compiled,
                            fhir,
                            clock,
                            (server, authorization, queries) -> {
                                throw new IllegalStateException("the request carries its prefetch");
                            },
                            PrefetchMetrics.NONE,
                            metrics);
                    RuleEvaluator failing = new RuleEvaluator(compiled) {
                        @Override
                        public RuleResults evaluate(PatientRecord record, PlannedDate planned, LocalDate today) {
                            throw failure;
                        }
                    };
                    return new ActiveContent(
                            real.content(),
                            real.discovery(),
                            real.orders(),
                            real.appointments(),
                            real.prefetch(),
                            new OrderCheck(
                                    failing,
                                    new CardAssembler(compiled.cards(), compiled.protocol(), metrics),
                                    metrics));
                },
                clock,
                metrics,
                IssuedCardsListener.NONE,
                new CpuSlots(1));
        Scenario scenario =
                Scenario.load(Path.of("src/test/resources/scenarios/menstruation-reschedule-suggestion.json"), TODAY);
        CdsServiceRequest request = new ObjectMapper().treeToValue(scenario.request(), CdsServiceRequest.class);
        CdsResponse response = hooks.answer("hsg-order-sign", request, "http://localhost:8080");
        assertThat(response.cards()).extracting(c -> c.source().topic().code()).containsExactly("data-unavailable");
        return faults;
    }
}
