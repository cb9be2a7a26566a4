package org.hsgcds.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Bad requests that cannot be written as scenario fixtures: each gets a clear JSON error, never a stack trace. */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HookErrorResponsesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;

    @Test
    void malformedJsonIs400WithPosition() throws Exception {
        JsonNode error =
                expectError(post("{\"hook\": \"order-sign\", \"hookInstance\": ", MediaType.APPLICATION_JSON), 400);
        assertThat(error.path("error").asText()).isEqualTo("malformed_json");
        assertThat(error.path("message").asText()).contains("line 1");
    }

    @Test
    void emptyBodyIs400() throws Exception {
        expectError(post("", MediaType.APPLICATION_JSON), 400);
    }

    @Test
    void wrongFieldTypeIs400() throws Exception {
        expectError(
                post("{\"hook\": {\"a\": 1}, \"hookInstance\": \"x\", \"context\": {}}", MediaType.APPLICATION_JSON),
                400);
    }

    @Test
    void textPlainIs415() throws Exception {
        expectError(post("{}", MediaType.TEXT_PLAIN), 415);
    }

    @Test
    void getOnAHookIs405() throws Exception {
        ResponseEntity<String> response =
                http.exchange("/cds-services/hsg-order-sign", HttpMethod.GET, null, String.class);
        expectError(response, 405);
    }

    @Test
    void unknownPathIs404Json() throws Exception {
        expectError(http.getForEntity("/no/such/thing", String.class), 404);
    }

    @Test
    void prefetchValueThatIsNotAResourceGivesDataUnavailableNotAnAllClear() throws Exception {
        String body = Files.readString(Path.of("fhir-resources/examples/order-sign-ready.json"))
                .replaceFirst("\"procedures\": \\{", "\"procedures\": [1, 2], \"unused\": {");
        ResponseEntity<String> response = post(body, MediaType.APPLICATION_JSON);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        String cards = response.getBody();
        assertThat(cards).contains("data-unavailable").doesNotContain("\"code\":\"eligible\"");
    }

    @Test
    void discoveryListsThreeServicesWithValidPrefetchTokensOnly() throws Exception {
        JsonNode discovery =
                JSON.readTree(http.getForEntity("/cds-services", String.class).getBody());
        assertThat(discovery.path("services")).hasSize(3);
        assertThat(discovery.findValuesAsText("id"))
                .containsExactly("hsg-appointment-book", "hsg-order-select", "hsg-order-sign");
        assertThat(discovery.findValuesAsText("hook"))
                .containsExactly("appointment-book", "order-select", "order-sign");
        for (JsonNode service : discovery.path("services")) {
            assertThat(service.path("title").asText()).isNotBlank();
            assertThat(service.path("description").asText()).isNotBlank();
            service.path("prefetch")
                    .forEach(template -> assertThat(template.asText().replaceAll("\\{\\{context\\.patientId}}", ""))
                            .doesNotContain("{{"));
        }
        // The order services' prefetch is as it was; only the appointment service asks for ServiceRequests.
        List<String> shared = List.of("allergies", "conditions", "devices", "observations", "patient", "procedures");
        assertThat(discovery.path("services").get(1).path("prefetch").properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyElementsOf(shared);
        assertThat(discovery.path("services").get(2).path("prefetch").properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyElementsOf(shared);
        JsonNode appointment = discovery.path("services").get(0).path("prefetch");
        assertThat(appointment.size())
                .as("the shared keys (devices among them) and serviceRequests")
                .isEqualTo(7);
        assertThat(appointment.path("serviceRequests").asText())
                .isEqualTo("ServiceRequest?patient={{context.patientId}}");
    }

    private ResponseEntity<String> post(String body, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        return http.postForEntity("/cds-services/hsg-order-sign", new HttpEntity<>(body, headers), String.class);
    }

    private static JsonNode expectError(ResponseEntity<String> response, int status) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        String body = response.getBody();
        assertThat(body).doesNotContain("Exception", "at org.", "at java.");
        JsonNode error = JSON.readTree(body);
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("message").asText()).isNotBlank();
        return error;
    }
}
