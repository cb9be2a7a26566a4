package org.hsgcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.FhirServerServiceTest;
import org.hsgcds.testsupport.FhirTestServer;
import org.hsgcds.testsupport.HookCalls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The EHR's FHIR server refuses the {@code fhirAuthorization} token (HAPI's authorization interceptor
 * on a real HAPI server): expired or unknown (401), or without the read scope for a type (403). The
 * answer is {@code data-unavailable}, never an all-clear; the same record with an accepted token is
 * the all-clear, so it is the refusal that makes the difference.
 */
class RefusedTokenTest extends FhirServerServiceTest {

    static final String ACCEPTED = "accepted-" + UUID.randomUUID();
    static final Set<String> ALL_TYPES =
            Set.of("Patient", "Condition", "AllergyIntolerance", "Observation", "Procedure");
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void cleanRecord() {
        FHIR.reset(FallbackFixtures.cleanRecord().resources());
    }

    @Test
    void theTokenTheServerAcceptsGivesTheAllClear() throws Exception {
        FHIR.requireToken(new FhirTestServer.Access(ACCEPTED, ALL_TYPES));

        JsonNode body = call(ACCEPTED);

        assertThat(decisions(body)).containsExactly("eligible/info");
        assertThat(FHIR.requests())
                .hasSizeGreaterThanOrEqualTo(5)
                .extracting(FhirTestServer.Request::authorization)
                .containsOnly("Bearer " + ACCEPTED);
    }

    @Test
    void aTokenTheServerRefusesWith401GivesDataUnavailable() throws Exception {
        FHIR.requireToken(new FhirTestServer.Access(ACCEPTED, ALL_TYPES));

        JsonNode body = call("expired-" + UUID.randomUUID());

        assertThat(decisions(body)).containsExactly("data-unavailable/warning");
        assertThat(detail(body, "data-unavailable")).contains("401");
        assertThat(FHIR.requests()).isNotEmpty();
    }

    @Test
    void aTokenWithoutTheReadScopesRefusedWith403GivesDataUnavailable() throws Exception {
        FHIR.requireToken(new FhirTestServer.Access(ACCEPTED, Set.of("Patient", "Observation")));

        JsonNode body = call(ACCEPTED);

        assertThat(decisions(body)).containsExactly("data-unavailable/warning");
        assertThat(detail(body, "data-unavailable")).contains("403");
    }

    private JsonNode call(String token) throws Exception {
        Scenario scenario = FallbackFixtures.cleanRecord();
        ResponseEntity<String> response = HookCalls.post(
                http,
                scenario.serviceId(),
                FallbackFixtures.withoutPrefetch(scenario.request(), FHIR.baseUrl(), token));
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        assertThat(response.getBody()).doesNotContain(token);
        return JSON.readTree(response.getBody());
    }

    /** The decision cards (all-clear, contraindications, data-unavailable), advice left out. */
    private static List<String> decisions(JsonNode body) {
        List<String> topics = new ArrayList<>();
        body.path("cards").forEach(c -> {
            String topic = c.path("source").path("topic").path("code").asText();
            if (!FallbackFaultTest.ADVICE_TOPICS.contains(topic)) {
                topics.add(topic + "/" + c.path("indicator").asText());
            }
        });
        return topics;
    }

    private static String detail(JsonNode body, String topic) {
        for (JsonNode card : body.path("cards")) {
            if (topic.equals(card.path("source").path("topic").path("code").asText())) {
                return card.path("detail").asText();
            }
        }
        return "";
    }
}
