package org.hsgcds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.FhirServerServiceTest;
import org.hsgcds.testsupport.HookCalls;
import org.hsgcds.testsupport.NodeTools;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * HL7's own invariants of the CDS Hooks logical models (cds-resp-1 … 7 on cards, suggestions, actions,
 * links and override reasons; cds-r-1, cds-r-2 on requests; cds-fb-1 … 3 on feedback), evaluated by
 * fhirpath.js (npm, pinned in conformance-check/package-lock.json), a FHIRPath engine nobody here wrote.
 *
 * <p>The bodies are those of the scenario suites: every scenario of src/test/resources/scenarios and
 * scenarios-appointment is sent (with prefetch, and about one in four of the 200 ones again through the
 * FHIR fallback, with fhirServer and fhirAuthorization as FallbackScenarioTest sends them), every response is kept, and feedback is sent for every card
 * (accepting its first suggestion, or overriding it with its first override reason). All of them are
 * written under target/conformance-bodies and checked by {@code conformance-check/invariants.js}; any
 * false fails. Skipped when node or the installed module is missing, unless HSG_TEST_FHIRPATH_REQUIRED
 * is true (.ci/run sets it after {@code npm ci}).
 */
class FhirPathInvariantsTest extends FhirServerServiceTest {

    static final Path CHECK = Path.of("conformance-check");
    static final Path BODIES = Path.of("target/conformance-bodies");
    static final Path VIOLATIONS = Path.of("src/test/resources/conformance/invariant-violations");
    static final List<Path> SCENARIO_DIRS =
            List.of(Path.of("src/test/resources/scenarios"), Path.of("src/test/resources/scenarios-appointment"));
    static final List<String> INVARIANTS = List.of(
            "cds-resp-1",
            "cds-resp-2",
            "cds-resp-3",
            "cds-resp-4",
            "cds-resp-5",
            "cds-resp-6",
            "cds-resp-7",
            "cds-r-1",
            "cds-r-2",
            "cds-fb-1",
            "cds-fb-2",
            "cds-fb-3");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hl7InvariantsHoldOnEveryRequestResponseAndFeedbackBody() throws Exception {
        NodeTools.assumeInstalled("HSG_TEST_FHIRPATH_REQUIRED", "fhirpath");
        NodeTools.deleteTree(BODIES);
        int responses = 0;
        int feedback = 0;
        for (Path dir : SCENARIO_DIRS) {
            for (Path file : Scenario.files(dir)) {
                Scenario scenario = Scenario.load(file, FixedClockConfiguration.TODAY);
                ObjectNode request = scenario.request();
                if (scenario.viaFhirServer()) {
                    FHIR.reset(scenario.resources());
                    request.remove("prefetch");
                    request.put("fhirServer", FHIR.baseUrl());
                }
                JsonNode response = exchange(scenario, scenario.name(), request);
                if (response == null) {
                    continue;
                }
                responses++;
                feedback += sendFeedback(scenario, scenario.name(), response);
                if (responses % 4 == 1
                        && !scenario.viaFhirServer()
                        && !scenario.request().has("fhirServer")
                        && onServer(scenario)) {
                    ObjectNode fetched = scenario.request();
                    fetched.remove("prefetch");
                    fetched.put("fhirServer", FHIR.baseUrl());
                    fetched.putObject("fhirAuthorization")
                            .put("access_token", "token-" + scenario.name())
                            .put("token_type", "Bearer")
                            .put("expires_in", 300)
                            .put("scope", "patient/Patient.read patient/Condition.read patient/Observation.read")
                            .put("subject", "hsg-cds")
                            .put("patient", Scenario.PATIENT_ID);
                    if (exchange(scenario, scenario.name() + "-fallback", fetched) != null) {
                        responses++;
                    }
                }
            }
        }
        assertThat(responses).as("responses written").isGreaterThan(150);
        assertThat(feedback).as("feedback bodies written").isGreaterThan(100);

        JsonNode summary = run(BODIES, 0);

        assertThat(summary.path("failures")).as(summary.toPrettyString()).isEmpty();
        for (String id : INVARIANTS) {
            assertThat(summary.path("evaluations").path(id).asInt())
                    .as("evaluations of " + id)
                    .isPositive();
        }
        Files.writeString(BODIES.resolve("summary.json"), summary.toPrettyString(), StandardCharsets.UTF_8);
    }

    @Test
    void everyInvariantCatchesItsViolation() throws Exception {
        NodeTools.assumeInstalled("HSG_TEST_FHIRPATH_REQUIRED", "fhirpath");

        JsonNode summary = run(VIOLATIONS, 1);

        Set<String> failed = new HashSet<>();
        summary.path("failures").forEach(f -> failed.add(f.path("invariant").asText()));
        assertThat(failed).containsExactlyInAnyOrderElementsOf(INVARIANTS);
    }

    /** Puts the scenario's patient on the FHIR server; false when its data is not valid FHIR (a data-fault scenario). */
    private static boolean onServer(Scenario scenario) {
        try {
            FHIR.reset(scenario.resources());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Posts the request, writes it and the 200 response under BODIES, and returns the response (else null). */
    private JsonNode exchange(Scenario scenario, String name, ObjectNode request) throws IOException {
        ResponseEntity<String> response = post("/cds-services/" + scenario.serviceId(), request);
        write("requests", name, request);
        if (response.getStatusCode().value() != 200) {
            return null;
        }
        JsonNode body = JSON.readTree(response.getBody());
        write("responses", name, body);
        return body;
    }

    /** Feedback for every card of the response, as an EHR would send it; 1 when a body was sent. */
    private int sendFeedback(Scenario scenario, String name, JsonNode response) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray("feedback");
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (JsonNode card : response.path("cards")) {
            ObjectNode item = items.addObject().put("card", card.path("uuid").asText());
            JsonNode suggestion = card.path("suggestions").path(0);
            if (suggestion.has("uuid")) {
                item.put("outcome", "accepted");
                item.putArray("acceptedSuggestions")
                        .addObject()
                        .put("id", suggestion.path("uuid").asText());
            } else {
                item.put("outcome", "overridden");
                ObjectNode reason = item.putObject("overrideReason");
                if (card.path("overrideReasons").has(0)) {
                    reason.set("reason", card.path("overrideReasons").get(0).deepCopy());
                } else {
                    reason.put("userComment", "Seen; not relevant for this patient");
                }
            }
            item.put("outcomeTimestamp", now);
        }
        if (items.isEmpty()) {
            return 0;
        }
        ResponseEntity<String> answer = post("/cds-services/" + scenario.serviceId() + "/feedback", body);
        assertThat(answer.getStatusCode().value())
                .as(name + " feedback: " + answer.getBody())
                .isEqualTo(200);
        assertThat(JSON.readTree(answer.getBody()).path("rejected").asInt())
                .as(name + " feedback: " + answer.getBody())
                .isZero();
        write("feedback", name, body);
        return 1;
    }

    private ResponseEntity<String> post(String path, JsonNode body) {
        return HookCalls.postJson(http, path, body.toString());
    }

    private static void write(String kind, String name, JsonNode body) throws IOException {
        Path dir = BODIES.resolve(kind);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".json"), body.toString(), StandardCharsets.UTF_8);
    }

    /** Runs invariants.js over a directory; its exit code must be the one expected (0: all hold, 1: some false). */
    static JsonNode run(Path dir, int expectedExit) throws Exception {
        Process process = new ProcessBuilder(
                        "node", CHECK.resolve("invariants.js").toString(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stdout = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stdout).isEqualTo(expectedExit);
        return JSON.readTree(stdout);
    }
}
