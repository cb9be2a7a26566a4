package org.hsgcds.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * With hsg.logging.json=true every log line is a JSON object; the lines of a hook call carry its
 * hookInstance, and nothing logged holds the patient's name, id, or the FHIR access token.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "hsg.logging.json=true")
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCESS_TOKEN = "eyJhbGciOiJub25lIn0.secret-fhir-token-7c1e";

    @Autowired
    TestRestTemplate http;

    /**
     * Spring Boot configures Logback once per JVM: a context started after another keeps the first one's
     * format. Resetting Logback before and after this class lets this context (and the next) configure it.
     */
    @BeforeAll
    @AfterAll
    static void resetLogback() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
    }

    @Test
    void hookCallsLogJsonWithTheHookInstanceAndNoPatientDataOrTokens(CapturedOutput output) throws Exception {
        List<String> instances = new ArrayList<>();
        for (String example :
                List.of("order-sign-pregnant.json", "order-sign-contrast.json", "order-select-ready.json")) {
            ObjectNode request =
                    (ObjectNode) JSON.readTree(Files.readString(Path.of("fhir-resources/examples", example)));
            instances.add(request.get("hookInstance").asText());
            request.put("fhirServer", "https://ehr.example.org/fhir");
            request.putObject("fhirAuthorization")
                    .put("access_token", ACCESS_TOKEN)
                    .put("token_type", "Bearer")
                    .put("expires_in", 300)
                    .put("scope", "patient/*.read")
                    .put("subject", "cds-client");
            post(
                    request.path("hook").asText().equals("order-select") ? "hsg-order-select" : "hsg-order-sign",
                    request.toString());
        }
        ObjectNode rejected = (ObjectNode)
                JSON.readTree(Files.readString(Path.of("fhir-resources/examples/order-sign-pregnant.json")));
        ((ObjectNode) rejected.get("context")).put("patientId", "not a valid id <Beata>");
        post("hsg-order-sign", rejected.toString());

        List<JsonNode> lines = new ArrayList<>();
        for (String line :
                output.getOut().lines().filter(l -> l.startsWith("{")).toList()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).isNotEmpty().allMatch(l -> l.has("@timestamp") && l.has("log.level") || l.has("log"));
        List<String> correlated = lines.stream()
                .filter(l -> l.has("hookInstance"))
                .map(l -> l.get("hookInstance").asText())
                .toList();
        assertThat(correlated).containsAll(instances);

        String all = output.getAll();
        for (String secret : List.of(
                "Beata",
                "Pregnant\"",
                "Carla",
                "Anna",
                "example-pregnant",
                "example-contrast",
                "example-ready",
                ACCESS_TOKEN,
                "secret-fhir-token",
                "1992-04-11")) {
            assertThat(all).as("logs must not contain %s", secret).doesNotContain(secret);
        }
    }

    private void post(String service, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        http.postForEntity("/cds-services/" + service, new HttpEntity<>(body, headers), String.class);
    }
}
