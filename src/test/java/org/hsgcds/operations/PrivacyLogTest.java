package org.hsgcds.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.HsgServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The README's "Privacy" promise, checked on the log of a scenario run: every order and appointment
 * scenario is sent with its patient given a unique id, with a FHIR access token, then every card it got is
 * overridden with a free-text comment naming the patient, and some calls are refused; our own logging runs
 * at DEBUG, in JSON. Nothing of what the requests carried about the patient (id, names, birth date), no
 * comment and no token may appear in the captured output. The hookInstance of every call must appear, so
 * the capture demonstrably holds the calls' lines: a leak would be seen.
 */
@HsgServiceTest(properties = {"logging.level.org.hsgcds=DEBUG", "hsg.logging.json=true"})
@ExtendWith(OutputCaptureExtension.class)
class PrivacyLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;

    /** Logback is configured once per JVM; reset it so this context's JSON setting applies (see JsonLogsTest). */
    @BeforeAll
    @AfterAll
    static void resetLogback() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
    }

    @Test
    void aScenarioRunLogsNoPatientDataCommentsOrTokens(CapturedOutput output) throws Exception {
        Set<String> secrets = new LinkedHashSet<>();
        List<String> instances = new ArrayList<>();
        List<Path> files = new ArrayList<>(Scenario.files(Path.of("src/test/resources/scenarios")));
        files.addAll(Scenario.files(Path.of("src/test/resources/scenarios-appointment")));
        int cards = 0;
        for (Path file : files) {
            Scenario scenario = Scenario.load(file, FixedClockConfiguration.TODAY);
            String patientId = "pid-" + UUID.randomUUID();
            String accessToken = "fhir-at-" + UUID.randomUUID();
            secrets.add(patientId);
            secrets.add(accessToken);
            for (JsonNode resource : scenario.resources()) {
                if ("Patient".equals(resource.path("resourceType").asText())) {
                    resource.path("name").forEach(n -> {
                        secrets.add(n.path("family").asText());
                        n.path("given").forEach(g -> secrets.add(g.asText()));
                    });
                    secrets.add(resource.path("birthDate").asText());
                }
            }
            String text = scenario.request()
                    .toString()
                    .replace("\"" + Scenario.PATIENT_ID + "\"", "\"" + patientId + "\"")
                    .replace("Patient/" + Scenario.PATIENT_ID + "\"", "Patient/" + patientId + "\"");
            ObjectNode request = (ObjectNode) JSON.readTree(text);
            if (scenario.request().path("context").path("patientId").asText().equals(Scenario.PATIENT_ID)) {
                assertThat(request.path("context").path("patientId").asText()).isEqualTo(patientId);
            }
            String instance = UUID.randomUUID().toString();
            if (request.has("hookInstance")) { // error scenarios without one stay so
                request.put("hookInstance", instance);
            }
            request.putObject("fhirAuthorization")
                    .put("access_token", accessToken)
                    .put("token_type", "Bearer")
                    .put("expires_in", 300)
                    .put("scope", "patient/*.read")
                    .put("subject", "cds-client");
            ResponseEntity<String> answer = post("/cds-services/" + scenario.serviceId(), request.toString());
            assertThat(answer.getStatusCode().value())
                    .as(scenario.name())
                    .isEqualTo(scenario.expect().path("status").asInt(200));
            if (answer.getStatusCode() != HttpStatus.OK) {
                continue;
            }
            instances.add(instance);
            for (JsonNode card : JSON.readTree(answer.getBody()).path("cards")) {
                String comment = "Discussed with " + patientId + " today, " + UUID.randomUUID();
                secrets.add(comment);
                ObjectNode item = JSON.createObjectNode()
                        .put("card", card.path("uuid").asText())
                        .put("outcome", "overridden")
                        .put("outcomeTimestamp", "2026-12-06T10:00:00Z");
                ObjectNode reason = item.putObject("overrideReason");
                reason.put("userComment", comment);
                JsonNode first = card.path("overrideReasons").path(0);
                if (!first.isMissingNode()) {
                    reason.putObject("reason")
                            .put("system", first.path("system").asText())
                            .put("code", first.path("code").asText());
                }
                ObjectNode body = JSON.createObjectNode();
                body.putArray("feedback").add(item);
                assertThat(post("/cds-services/" + scenario.serviceId() + "/feedback", body.toString())
                                .getStatusCode())
                        .isEqualTo(HttpStatus.OK);
                cards++;
            }
            // Refused calls: a patient id that quotes a name, and a bad body that holds the id.
            ObjectNode bad = request.deepCopy();
            String quoted = "not an id <" + patientId + ">";
            ((ObjectNode) bad.get("context")).put("patientId", quoted);
            assertThat(post("/cds-services/" + scenario.serviceId(), bad.toString())
                            .getStatusCode()
                            .is4xxClientError())
                    .isTrue();
            assertThat(post("/cds-services/" + scenario.serviceId(), "{\"hook\": \"" + patientId + "\", ")
                            .getStatusCode())
                    .isEqualTo(HttpStatus.BAD_REQUEST);
        }
        secrets.removeIf(s -> s.isBlank() || s.length() < 4);
        assertThat(files).hasSizeGreaterThan(30);
        assertThat(cards).as("cards overridden with a comment").isGreaterThan(50);
        assertThat(secrets)
                .as("names and birth dates were found in the fixtures")
                .hasSizeGreaterThan(files.size() * 2);

        String log = output.getAll();
        assertThat(instances).isNotEmpty();
        assertThat(log)
                .as("the capture holds each call's lines (JSON, with its hookInstance)")
                .contains(instances);
        List<String> leaked =
                secrets.stream().filter(log::contains).map(s -> "'" + s + "'").toList();
        assertThat(leaked).as("patient data, comments or tokens in the log").isEmpty();
    }

    private ResponseEntity<String> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }
}
