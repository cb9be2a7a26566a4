package org.hsgcds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.hsgcds.testsupport.FhirServerServiceTest;
import org.hsgcds.testsupport.FhirTestServer;
import org.hsgcds.testsupport.HookCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.ResponseEntity;

/**
 * Every file under src/test/resources/scenarios-appointment, sent to {@code hsg-appointment-book}: the cards
 * (or the error) are as expected, the response conforms, and every Appointment a suggestion produces passes
 * HAPI's R4 validator. A scenario with {@code "viaFhirServer": true} sends no prefetch: its patient (and
 * ServiceRequests) are on an in-process FHIR server the service fetches from.
 */
class AppointmentScenarioSuiteTest extends FhirServerServiceTest {

    static final Path DIR = Path.of("src/test/resources/scenarios-appointment");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Scenario> scenarios() {
        return Scenario.all(DIR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioGivesExpectedCards(Scenario scenario) throws Exception {
        ObjectNode request = scenario.request();
        if (scenario.viaFhirServer()) {
            FHIR.reset(scenario.resources());
            request.remove("prefetch");
            request.put("fhirServer", FHIR.baseUrl());
        }
        ResponseEntity<String> response = post(scenario, request);
        JsonNode body = JSON.readTree(response.getBody());
        ScenarioAssertions.assertMatches(scenario, response.getStatusCode().value(), body);
        assertThat(AppointmentValidity.problems(body))
                .as(scenario.name() + ": Appointments the suggestions produce")
                .isEmpty();
        for (JsonNode card : body.path("cards")) {
            assertThat(card.path("detail").asText())
                    .as(scenario.name() + ": every card names the appointment it is about")
                    .startsWith("**HSG appointment ");
            assertThat(card.findValuesAsText("type"))
                    .as(scenario.name() + ": a proposed appointment is never deleted")
                    .doesNotContain("delete");
        }
        if (scenario.viaFhirServer()) {
            assertThat(FHIR.requests()).extracting(FhirTestServer.Request::type).contains("ServiceRequest");
        }
    }

    @Test
    void suiteCoversTheAppointmentHook() {
        List<Scenario> all = scenarios().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(25);
        assertThat(all).extracting(Scenario::hook).containsOnly(Scenario.APPOINTMENT_BOOK);
        assertThat(all.stream()
                        .map(ScenarioAssertions::weakness)
                        .filter(Objects::nonNull)
                        .toList())
                .isEmpty();
        List<String> unknown = new ArrayList<>();
        all.forEach(s -> unknown.addAll(ScenarioAssertions.unknownExpectKeys(s)));
        assertThat(unknown).isEmpty();
    }

    private ResponseEntity<String> post(Scenario scenario, ObjectNode request) {
        return HookCalls.post(http, scenario.serviceId(), request);
    }
}
