package org.hsgcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.scenarios.ScenarioAssertions;
import org.hsgcds.testsupport.FhirServerServiceTest;
import org.hsgcds.testsupport.FhirTestServer;
import org.hsgcds.testsupport.HookCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.ResponseEntity;

/**
 * The scenario suite again, with prefetch removed: the service fetches everything from a real HAPI
 * FHIR server holding the scenario's patient, and must give the same cards as with full prefetch.
 * Scenarios that shape prefetch or the request themselves, or expect an error, are left out.
 */
class FallbackScenarioTest extends FhirServerServiceTest {

    static final Path DIR = Path.of("src/test/resources/scenarios");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Scenario> scenarios() {
        return Scenario.files(DIR).stream()
                .filter(FallbackScenarioTest::usesPlainPrefetch)
                .map(f -> Scenario.load(f, FixedClockConfiguration.TODAY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void fetchingEverythingGivesTheSameCardsAsFullPrefetch(Scenario scenario) throws IOException {
        FHIR.reset(scenario.resources());
        JsonNode withPrefetch = post(scenario, scenario.request());
        JsonNode fetched = post(
                scenario,
                FallbackFixtures.withoutPrefetch(scenario.request(), FHIR.baseUrl(), "token-" + scenario.name()));

        assertThat(cards(fetched))
                .as(scenario.name() + ": cards fetched vs prefetched; body " + fetched)
                .isEqualTo(cards(withPrefetch));
        ScenarioAssertions.assertMatches(scenario, 200, fetched);
        if (!cards(withPrefetch).isEmpty()) {
            assertThat(FHIR.requests())
                    .extracting(FhirTestServer.Request::type)
                    .contains("Patient", "Condition", "AllergyIntolerance", "Observation", "Procedure");
            assertThat(FHIR.requests())
                    .extracting(FhirTestServer.Request::authorization)
                    .containsOnly("Bearer token-" + scenario.name());
        }
    }

    @Test
    void atLeastOneScenarioRunsWithoutPrefetch() {
        assertThat(scenarios().count()).isPositive();
    }

    /** Not a check: prints what fetching everything adds to a call. Run with {@code -Dhsg.latency=true}. */
    @Test
    @EnabledIfSystemProperty(named = "hsg.latency", matches = "true")
    void measureAddedLatencyOfFullFallback() throws IOException {
        Scenario scenario = Scenario.load(DIR.resolve("eligible-clean-record.json"), FixedClockConfiguration.TODAY);
        FHIR.reset(scenario.resources());
        ObjectNode prefetched = scenario.request();
        ObjectNode fetched = FallbackFixtures.withoutPrefetch(scenario.request(), FHIR.baseUrl(), "latency-token");
        for (int i = 0; i < 100; i++) {
            post(scenario, prefetched);
            post(scenario, fetched);
        }
        long[] withPrefetch = new long[200];
        long[] withFetch = new long[200];
        for (int i = 0; i < 200; i++) {
            withPrefetch[i] = timed(scenario, prefetched);
            withFetch[i] = timed(scenario, fetched);
        }
        System.out.printf(
                Locale.ROOT, "LATENCY prefetch: %s%nLATENCY fallback: %s%n", stats(withPrefetch), stats(withFetch));
    }

    private long timed(Scenario scenario, ObjectNode request) throws IOException {
        long started = System.nanoTime();
        post(scenario, request);
        return System.nanoTime() - started;
    }

    private static String stats(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        double mean = java.util.Arrays.stream(sorted).average().orElse(0) / 1e6;
        return String.format(
                Locale.ROOT,
                "n=%d mean=%.1f ms p50=%.1f ms p95=%.1f ms max=%.1f ms",
                sorted.length,
                mean,
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.95)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    /** Card topics with their indicators and summaries, in response order. */
    static List<String> cards(JsonNode body) {
        List<String> cards = new ArrayList<>();
        body.path("cards")
                .forEach(c ->
                        cards.add(c.path("source").path("topic").path("code").asText() + "/"
                                + c.path("indicator").asText() + ": "
                                + c.path("summary").asText()));
        return cards;
    }

    private JsonNode post(Scenario scenario, ObjectNode request) throws IOException {
        ResponseEntity<String> response = HookCalls.post(http, scenario.serviceId(), request);
        assertThat(response.getStatusCode().value())
                .as(scenario.name() + " status; body " + response.getBody())
                .isEqualTo(200);
        return JSON.readTree(response.getBody());
    }

    private static boolean hasLocallyCodedObservation(JsonNode spec) {
        for (JsonNode resource : spec.path("resources")) {
            if ("Observation".equals(resource.path("resourceType").asText())) {
                boolean standard = false;
                for (JsonNode coding : resource.path("code").path("coding")) {
                    standard |= coding.path("system").asText().startsWith("http://loinc.org")
                            || coding.path("system").asText().startsWith("http://snomed.info/sct");
                }
                if (!standard) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean usesPlainPrefetch(Path file) {
        try {
            JsonNode spec = JSON.readTree(Files.readString(file));
            JsonNode overrides = spec.path("requestOverrides");
            return !spec.has("prefetch")
                    && !spec.has("omitPrefetch")
                    && !spec.has("request")
                    && spec.path("expect").path("status").asInt(200) == 200
                    && !overrides.has("prefetch")
                    && !overrides.has("fhirServer")
                    && !overrides.has("fhirAuthorization")
                    // Scenarios about unreadable prefetch data (invalid FHIR) have nothing a FHIR server would store.
                    && !spec.path("expect").path("present").has("data-unavailable")
                    // The observations template searches by standard codes: a server cannot return a result under a
                    // local code for it (such results are read when the EHR sends them; hazard log H-18).
                    && !hasLocallyCodedObservation(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
