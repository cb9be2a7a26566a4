package org.hsgcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.hsgcds.testsupport.ConnectionCounter;
import org.junit.jupiter.api.Test;

class HttpPrefetchFallbackTest {

    @Test
    void withTheDefaultEmptyAllowListNothingIsFetchedAndTheAnswerIs412() throws Exception {
        try (ConnectionCounter server = ConnectionCounter.start();
                HttpPrefetchFallback fallback = fallback(List.of())) {
            assertThatThrownBy(() -> fallback.fetch(
                            "http://127.0.0.1:" + server.port() + "/fhir",
                            null,
                            Map.of("conditions", "Condition?patient=p1")))
                    .isInstanceOf(PrefetchRequiredException.class)
                    .hasMessageContaining("not allowed")
                    .hasMessageContaining("[conditions]");
            assertThat(server.connections()).isZero();
        }
    }

    @Test
    void aServerThatDropsTheConnectionFailsEveryKeyQuickly() throws Exception {
        try (ConnectionCounter server = ConnectionCounter.start();
                HttpPrefetchFallback fallback = fallback(List.of("http://127.0.0.1:" + server.port() + "/fhir"))) {
            long started = System.nanoTime();
            List<PrefetchOutcome> outcomes = fallback.fetch(
                    "http://127.0.0.1:" + server.port() + "/fhir",
                    null,
                    Map.of("conditions", "Condition?patient=p1", "patient", "Patient/p1"));
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(outcomes).extracting(PrefetchOutcome::key).containsExactlyInAnyOrder("conditions", "patient");
            assertThat(outcomes)
                    .extracting(PrefetchOutcome::failure)
                    .containsOnly("the FHIR server could not be reached");
            assertThat(millis).isLessThan(500 + 500);
            assertThat(server.connections()).isPositive();
        }
    }

    @Test
    void withOnFetchFailure412AnUnreachableServerGives412NamingTheSetting() throws Exception {
        try (ConnectionCounter server = ConnectionCounter.start();
                HttpPrefetchFallback fallback =
                        fallback(List.of("http://127.0.0.1:" + server.port() + "/fhir"), "412")) {
            assertThatThrownBy(() -> fallback.fetch(
                            "http://127.0.0.1:" + server.port() + "/fhir",
                            null,
                            Map.of("conditions", "Condition?patient=p1")))
                    .isInstanceOf(PrefetchRequiredException.class)
                    .hasMessageContaining("hsg.fhir.on-fetch-failure=412")
                    .hasMessageContaining("conditions");
        }
    }

    @Test
    void onFetchFailureIsCardOr412() {
        assertThat(new FhirServerProperties(
                                List.of(),
                                Duration.ofMillis(1),
                                Duration.ofMillis(1),
                                Duration.ofMillis(1),
                                1,
                                1,
                                "card")
                        .onFetchFailure())
                .isEqualTo("card");
        assertThatThrownBy(() -> new FhirServerProperties(
                        List.of(), Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1), 1, 1, "500"))
                .hasMessageContaining("hsg.fhir.on-fetch-failure");
    }

    private static HttpPrefetchFallback fallback(List<String> allowed) {
        return fallback(allowed, "card");
    }

    private static HttpPrefetchFallback fallback(List<String> allowed, String onFetchFailure) {
        var properties = new FhirServerProperties(
                allowed, Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(500), 20, 4, onFetchFailure);
        var fetcher = new KeyFetcher(
                HttpClient::newHttpClient, new FhirJsonReader(FhirContext.forR4Cached()), properties.readTimeout(), 20);
        return new HttpPrefetchFallback(properties, fetcher, Executors.newFixedThreadPool(4));
    }
}
