package org.hsgcds.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Probes, info and Prometheus metrics on the management port; the reload endpoint is off without a token. */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class OperationsEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;

    @LocalManagementPort
    int managementPort;

    private String management(String path) {
        return http.getForObject("http://localhost:" + managementPort + path, String.class);
    }

    @Test
    void livenessAndReadinessAreUpOnceContentIsLoaded() throws Exception {
        assertThat(JSON.readTree(management("/actuator/health/liveness"))
                        .path("status")
                        .asText())
                .isEqualTo("UP");
        assertThat(JSON.readTree(management("/actuator/health/readiness"))
                        .path("status")
                        .asText())
                .isEqualTo("UP");
    }

    @Test
    void infoNamesTheLoadedLibrariesAndVersions() throws Exception {
        JsonNode content = JSON.readTree(management("/actuator/info")).path("content");
        assertThat(content.path("ruleLibrary").asText()).isEqualTo("HSGEligibility");
        assertThat(content.path("libraries").findValuesAsText("name"))
                .contains("HSGEligibility", "HSGCommon", "FHIRHelpers");
        assertThat(content.path("valueSets").asInt()).isPositive();
        assertThat(content.path("generation").asInt()).isEqualTo(1);
    }

    @Test
    void infoShowsTheBundledSiteProtocol() throws Exception {
        JsonNode protocol =
                JSON.readTree(management("/actuator/info")).path("content").path("protocol");
        assertThat(protocol.path("loadedFrom").asText()).isEqualTo("bundled");
        assertThat(protocol.path("windowStartDay").asInt()).isEqualTo(6);
        assertThat(protocol.path("windowEndDay").asInt()).isEqualTo(12);
        assertThat(protocol.path("recentEventDays").asInt()).isEqualTo(42);
        assertThat(protocol.path("hcgRecencyDays").asInt()).isEqualTo(7);
        assertThat(protocol.path("hcgPositiveThreshold").decimalValue()).isEqualByComparingTo("25");
        assertThat(protocol.path("hcgNegativeThreshold").decimalValue()).isEqualByComparingTo("5");
        assertThat(protocol.path("dischargeCheckDays").asInt()).isEqualTo(14);
        assertThat(protocol.path("chlamydiaResultDays").asInt()).isEqualTo(90);
        assertThat(protocol.path("chlamydiaScreeningMonths").asInt()).isEqualTo(12);
        assertThat(protocol.path("prophylaxisRegimen").asText()).isNotBlank();
        assertThat(protocol.path("preparationText").asText()).isNotBlank();
        assertThat(protocol.path("aftercareText").asText()).isNotBlank();
    }

    @Test
    void prometheusCountsHookCallsCardsAndEvaluationTime() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = Files.readString(Path.of("fhir-resources/examples/order-sign-pregnant.json"));
        ResponseEntity<String> answer =
                http.postForEntity("/cds-services/hsg-order-sign", new HttpEntity<>(body, headers), String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        http.postForEntity("/cds-services/no-such-service", new HttpEntity<>(body, headers), String.class);

        String metrics = management("/actuator/prometheus");
        assertThat(metrics)
                .containsPattern(
                        "hsg_hook_calls_total\\{[^}]*service=\"hsg-order-sign\"[^}]*status=\"200\"[^}]*} [1-9]")
                .containsPattern("hsg_hook_calls_total\\{[^}]*service=\"unknown\"[^}]*status=\"404\"")
                .as("the call's duration is recorded, not only counted")
                .containsPattern(
                        "hsg_hook_duration_seconds_count\\{[^}]*service=\"hsg-order-sign\"[^}]*status=\"200\"[^}]*} [1-9]")
                .containsPattern(
                        "hsg_hook_duration_seconds_sum\\{[^}]*service=\"hsg-order-sign\"[^}]*status=\"200\"[^}]*} (?!0(\\.0+)?(\\s|$))[0-9.eE+-]+")
                .containsPattern("hsg_cards_issued_total\\{indicator=\"critical\",topic=\"pregnancy\"} [1-9]")
                .containsPattern("hsg_evaluation_seconds_bucket\\{le=\"[^\"]+\"}")
                .containsPattern("hsg_evaluation_seconds_count [1-9]");
        assertThat(metrics.lines().filter(l -> l.startsWith("hsg_"))).noneMatch(l -> l.contains("no-such-service"));
    }

    @Test
    void reloadAnswers404WhenNoAdminTokenIsConfigured() {
        ResponseEntity<String> response = http.postForEntity("/admin/reload", null, String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(404);
    }
}
