package org.hsgcds.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.HsgServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What a conformance tester probes beyond the happy path: elements this service does not know (at the
 * top level, in the context, in prefetch, and CDS Hooks extension objects) change nothing; an
 * extension that is not a JSON object is a 400; discovery says what the EHR must send.
 */
@HsgServiceTest
class RequestRobustnessTest {

    static final Path DIR = Path.of("src/test/resources/scenarios");
    /** Scenarios with different answers: all-clear, critical, warnings, data-unavailable, advice, order-select, none. */
    static final List<String> SAMPLE = List.of(
            "eligible-clean-record",
            "contrast-allergy-one-severe-reaction-critical",
            "pregnancy-hcg-urine-positive-recent",
            "data-conditions-operation-outcome",
            "timing-cycle-day-15-suggests-next-window",
            "order-select-contrast-allergy",
            "genital-inflammation-snomed-pid",
            "not-hsg-order-no-cards");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;

    static Stream<Scenario> sample() {
        return SAMPLE.stream().map(name -> {
            Path file = DIR.resolve(name + ".json");
            assertThat(Files.isRegularFile(file)).as(file.toString()).isTrue();
            return Scenario.load(file, FixedClockConfiguration.TODAY);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sample")
    void unknownElementsAndExtensionObjectsLeaveTheCardsUnchanged(Scenario scenario) throws Exception {
        ResponseEntity<String> plain = post(scenario.serviceId(), scenario.request());
        ResponseEntity<String> decorated = post(scenario.serviceId(), decorate(scenario.request()));

        assertThat(plain.getStatusCode().value()).as(plain.getBody()).isEqualTo(200);
        assertThat(decorated.getStatusCode().value()).as(decorated.getBody()).isEqualTo(200);
        JsonNode expected = withoutUuids(JSON.readTree(plain.getBody()));
        assertThat(withoutUuids(JSON.readTree(decorated.getBody()))).isEqualTo(expected);
        if (!scenario.name().startsWith("not-hsg")) {
            assertThat(expected.path("cards"))
                    .as("the sample scenario gives cards")
                    .isNotEmpty();
        }
    }

    @ParameterizedTest(name = "extension = {0}")
    @ValueSource(strings = {"\"trace-1\"", "42", "true", "[{\"a\":1}]", "null"})
    void anExtensionThatIsNotAnObjectIs400(String value) throws Exception {
        Scenario scenario = sample().findFirst().orElseThrow();
        ObjectNode topLevel = scenario.request();
        topLevel.set("extension", JSON.readTree(value));
        ObjectNode inContext = scenario.request();
        ((ObjectNode) inContext.get("context")).set("extension", JSON.readTree(value));

        for (ObjectNode request : List.of(topLevel, inContext)) {
            ResponseEntity<String> response = post(scenario.serviceId(), request);
            assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).isNotNull();
            assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON))
                    .isTrue();
            JsonNode error = JSON.readTree(response.getBody());
            assertThat(error.path("status").asInt()).isEqualTo(400);
            assertThat(error.path("message").asText()).contains("extension").contains("JSON object");
        }
    }

    @Test
    void discoveryTellsTheEhrWhatItMustSend() throws Exception {
        JsonNode discovery =
                JSON.readTree(http.getForEntity("/cds-services", String.class).getBody());
        assertThat(discovery.path("services")).hasSize(3);
        for (JsonNode service : discovery.path("services")) {
            String usage = service.path("usageRequirements").asText();
            String id = service.path("id").asText();
            assertThat(usage).as(id).contains("context.patientId", "fhirServer", "fhirAuthorization", "Bearer");
            assertThat(usage).as(id).contains("patient only", "412", "data-unavailable", "JWT", "hsg.security.issuers");
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            service.path("prefetch").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> key = it.next();
                String type = key.getValue().asText().split("[/?]", 2)[0];
                assertThat(usage).as(id).contains(key.getKey(), "patient/" + type + ".read");
            }
        }
        assertThat(usageOf(discovery, "hsg-order-select")).contains("context.selections", "context.draftOrders");
        assertThat(usageOf(discovery, "hsg-order-sign"))
                .contains("context.draftOrders")
                .doesNotContain("selections", "serviceRequests");
        assertThat(usageOf(discovery, "hsg-appointment-book"))
                .contains("context.appointments", "serviceRequests", "patient/ServiceRequest.read");
    }

    private static String usageOf(JsonNode discovery, String id) {
        for (JsonNode service : discovery.path("services")) {
            if (id.equals(service.path("id").asText())) {
                return service.path("usageRequirements").asText();
            }
        }
        throw new AssertionError("no service " + id);
    }

    /** The request with unknown elements everywhere a tester would put them, and extension objects. */
    static ObjectNode decorate(ObjectNode request) {
        request.put("org.example.unknownTopLevel", "ignored");
        request.putObject("unknownObject").put("deep", true).putArray("list").add(1);
        request.putObject("extension")
                .put("org.example.trace-id", "t-1")
                .putObject("org.example.site")
                .put("ward", "B");
        ObjectNode context = (ObjectNode) request.get("context");
        context.put("org.example.unknownContextField", "ignored");
        context.put("encounterId", "enc-unknown-to-us");
        context.putObject("extension").put("org.example.context-note", "x");
        ObjectNode prefetch = request.has("prefetch") && request.get("prefetch").isObject()
                ? (ObjectNode) request.get("prefetch")
                : request.putObject("prefetch");
        ObjectNode bundle = prefetch.putObject("org.example.unrequestedKey");
        bundle.put("resourceType", "Bundle").put("type", "searchset");
        ArrayNode entries = bundle.putArray("entry");
        entries.addObject()
                .putObject("resource")
                .put("resourceType", "Condition")
                .put("id", "unrequested-1");
        prefetch.put("org.example.unrequestedText", "not even FHIR");
        return request;
    }

    /** The response with every uuid taken out: they differ between calls by design. */
    static JsonNode withoutUuids(JsonNode node) {
        JsonNode copy = node.deepCopy();
        List<JsonNode> stack = new ArrayList<>(List.of(copy));
        while (!stack.isEmpty()) {
            JsonNode n = stack.remove(stack.size() - 1);
            if (n.isObject()) {
                ((ObjectNode) n).remove("uuid");
            }
            n.forEach(stack::add);
        }
        return copy;
    }

    private ResponseEntity<String> post(String serviceId, JsonNode request) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(
                "/cds-services/" + serviceId, new HttpEntity<>(request.toString(), headers), String.class);
    }
}
