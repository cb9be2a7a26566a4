package org.hsgcds.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hsgcds.conformance.CdsHooksConformance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The example requests the README tells newcomers to curl answer as documented. */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.context.annotation.Import(org.hsgcds.testsupport.ExampleDayClock.class)
class ExampleRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource({
        "order-sign-ready.json,     hsg-order-sign,   eligible preparation aftercare,  pregnancy contrast-allergy timing",
        "order-select-ready.json,   hsg-order-select, eligible preparation aftercare,  pregnancy contrast-allergy timing",
        "order-sign-pregnant.json,  hsg-order-sign,   pregnancy,                      eligible preparation",
        "order-sign-contrast.json,  hsg-order-sign,   contrast-allergy,               eligible preparation",
        "appointment-book-outside-window.json, hsg-appointment-book, timing preparation aftercare, eligible menstruation pregnancy",
    })
    void exampleAnswersWithTheDocumentedCards(String file, String service, String present, String absent)
            throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = Files.readString(Path.of("fhir-resources/examples", file));
        ResponseEntity<String> response =
                http.postForEntity("/cds-services/" + service, new HttpEntity<>(body, headers), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode cards = JSON.readTree(response.getBody());
        assertThat(CdsHooksConformance.problems(cards)).isEmpty();
        List<String> topics = new ArrayList<>();
        cards.path("cards")
                .forEach(c ->
                        topics.add(c.path("source").path("topic").path("code").asText()));
        assertThat(topics).contains(present.split(" "));
        assertThat(topics).doesNotContain(absent.split(" "));
    }
}
