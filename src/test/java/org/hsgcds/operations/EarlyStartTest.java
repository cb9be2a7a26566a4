package org.hsgcds.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.hsgcds.HsgCdsApplication;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.content.PreloadedContent;
import org.hsgcds.orchestration.WarmupCalls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service started as {@code java -jar} starts it ({@link HsgCdsApplication#application()}): the content is
 * loaded beside the context and becomes its content bean, and the warm-up answers the bundled examples through the
 * hook path before the service reports ready, leaving no issued cards, metrics or "Answered" lines behind.
 */
@ExtendWith(OutputCaptureExtension.class)
class EarlyStartTest {

    @TempDir
    static Path dataDir;

    private static ConfigurableApplicationContext service;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startAsTheJarDoes() {
        service = HsgCdsApplication.application()
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--hsg.data-dir=" + dataDir,
                        "--hsg.warmup.duration=1500ms",
                        "--hsg.warmup.grace=120s");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theContentLoadedBesideTheContextIsTheContentBean() {
        PreloadedContent preloaded = service.getBean(PreloadedContent.class);

        assertThat(preloaded.location()).isEqualTo("classpath:");
        assertThat(service.getBean(ContentHolder.class).content()).isSameAs(service.getBean(CompiledContent.class));
        assertThat(preloaded.load(service.getBean(ca.uhn.fhir.context.FhirContext.class)))
                .get()
                .isNotSameAs(service.getBean(
                        CompiledContent.class)); // a fresh load is a new object: the bean was the early one
    }

    @Test
    void warmupAnswersBeforeReadyAndLeavesNoTraceOfIssuedCards(CapturedOutput output) throws Exception {
        StartupWarmup.Result result = service.getBean(StartupWarmup.class).awaitDone();
        assertThat(result.finished()).isTrue();
        assertThat(result.failure()).isNull();
        assertThat(result.calls()).isPositive();
        assertThat(result.cards()).isPositive();
        String log = output.getOut();
        assertThat(log).contains("Start-up warm-up: ").contains("(alongside start-up)");
        assertThat(log.indexOf("hsg-cds ready")).isGreaterThan(log.indexOf("Start-up warm-up: "));
        assertThat(log).doesNotContain("Answered hsg-");
        assertThat(issuedCards()).isZero();
        MeterRegistry metrics = service.getBean(MeterRegistry.class);
        assertThat(metrics.find("hsg.hook.calls").counters()).isEmpty();
        assertThat(metrics.find("hsg.cards.issued").counters()).isEmpty();

        // A real call is recorded, counted and logged: the checks above can see what the warm-up left out.
        HttpResponse<String> answer = post("hsg-order-sign", example("order-sign-pregnant"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(metrics.find("hsg.hook.calls").counters()).isNotEmpty();
        assertThat(output.getOut()).contains("Answered hsg-order-sign");
    }

    @Test
    void warmupCallsAnswerEachExampleAsTheEndpointDoes() throws Exception {
        ObjectMapper json = service.getBean(ObjectMapper.class);
        CompiledContent content = service.getBean(CompiledContent.class);
        WarmupCalls calls = new WarmupCalls(
                content, "classpath:", service.getBean(ca.uhn.fhir.context.FhirContext.class), Clock.systemUTC());
        List<String> examples = EarlyStart.exampleRequests(json);
        assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
        for (String body : examples) {
            CdsServiceRequest request = json.readValue(body, CdsServiceRequest.class);
            String serviceId = switch (request.hook()) {
                case "order-sign" -> "hsg-order-sign";
                case "order-select" -> "hsg-order-select";
                default -> "hsg-appointment-book";
            };
            JsonNode warm = json.readTree(json.writeValueAsBytes(calls.answer(serviceId, request, "http://127.0.0.1")));
            JsonNode real = json.readTree(post(serviceId, body).body());
            assertThat(warm.path("cards")).isNotEmpty();
            assertThat(warm.path("cards").findValuesAsText("summary"))
                    .as(request.hookInstance())
                    .isEqualTo(real.path("cards").findValuesAsText("summary"));
        }
    }

    private static int issuedCards() {
        Integer count =
                service.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM issued_card", Integer.class);
        return count == null ? 0 : count;
    }

    private static HttpResponse<String> post(String serviceId, String body) throws Exception {
        String port = service.getEnvironment().getProperty("local.server.port");
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cds-services/" + serviceId))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String example(String name) throws Exception {
        return Files.readString(Path.of("fhir-resources/examples/" + name + ".json"));
    }
}
