package org.hsgcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.hsgcds.content.ServiceCatalog;
import org.junit.jupiter.api.Test;

/** Every prefetch token the order hooks define is filled, values are URL-encoded, a token without a value is never sent. */
class PrefetchTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fillsEveryContextTokenAndTheUserIdentityToken() {
        JsonNode context = context("Practitioner/dr-1", "enc-7");
        assertThat(PrefetchTemplate.fill("Encounter/{{context.encounterId}}", "p1", context))
                .contains("Encounter/enc-7");
        assertThat(PrefetchTemplate.fill("{{context.userId}}", "p1", context)).contains("Practitioner/dr-1");
        assertThat(PrefetchTemplate.fill("Practitioner/{{userPractitionerId}}", "p1", context))
                .contains("Practitioner/dr-1");
        assertThat(PrefetchTemplate.fill(
                        "Observation?patient={{context.patientId}}&performer={{context.userId}}", "p1", context))
                .contains("Observation?patient=p1&performer=Practitioner%2Fdr-1");
        assertThat(PrefetchTemplate.fill(
                        "PractitionerRole/{{userPractitionerRoleId}}", "p1", context("PractitionerRole/r 9", null)))
                .contains("PractitionerRole/r%209");
    }

    @Test
    void valuesCannotAddQueryParametersOrPathSegments() {
        JsonNode context = context("Practitioner/x&_count=1000#frag", "../Patient");
        assertThat(PrefetchTemplate.fill("Observation?performer={{context.userId}}", "p1", context))
                .contains("Observation?performer=Practitioner%2Fx%26_count%3D1000%23frag");
        assertThat(PrefetchTemplate.fill("Encounter/{{context.encounterId}}", "p1", context))
                .contains("Encounter/%2E%2E/Patient");
    }

    @Test
    void aTokenWithoutAValueInThisCallLeavesTheTemplateUnfilled() {
        assertThat(PrefetchTemplate.fill("Encounter/{{context.encounterId}}", "p1", context("Practitioner/dr-1", null)))
                .isEmpty();
        assertThat(PrefetchTemplate.fill(
                        "PractitionerRole/{{userPractitionerRoleId}}", "p1", context("Practitioner/dr-1", null)))
                .isEmpty();
    }

    @Test
    void theResolverFetchesFilledQueriesAndMarksUnfillableKeysUnavailable() throws Exception {
        var services = new ServiceCatalog(
                "http://example.org/vs",
                Map.of(
                        "observations", "Observation?patient={{context.patientId}}&encounter={{context.encounterId}}",
                        "user", "{{context.userId}}"),
                List.of("observations", "user"),
                List.of());
        Map<String, String> asked = new LinkedHashMap<>();
        var resolver = new PrefetchResolver(
                services, new FhirJsonReader(FhirContext.forR4Cached()), (server, authorization, queries) -> {
                    asked.putAll(queries);
                    return queries.keySet().stream()
                            .map(key -> PrefetchOutcome.ok(key, List.of()))
                            .toList();
                });
        CdsServiceRequest withEncounter = request("""
                {"hook":"order-sign","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea","fhirServer":"https://ehr.example.org/fhir",
                 "context":{"userId":"Practitioner/dr 1","patientId":"p1","encounterId":"e1","draftOrders":{}}}""");
        assertThat(resolver.resolve(withEncounter, "p1").unavailable()).isEmpty();
        assertThat(asked)
                .containsEntry("observations", "Observation?patient=p1&encounter=e1")
                .containsEntry("user", "Practitioner/dr%201");

        asked.clear();
        CdsServiceRequest withoutEncounter = request("""
                {"hook":"order-sign","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea","fhirServer":"https://ehr.example.org/fhir",
                 "context":{"userId":"Practitioner/dr-1","patientId":"p1","draftOrders":{}}}""");
        assertThat(resolver.resolve(withoutEncounter, "p1").unavailable())
                .singleElement()
                .asString()
                .startsWith("observations");
        assertThat(asked).containsOnlyKeys("user");
    }

    private static CdsServiceRequest request(String json) throws Exception {
        return JSON.readValue(json, CdsServiceRequest.class);
    }

    private static JsonNode context(String userId, String encounterId) {
        var context = JSON.createObjectNode().put("patientId", "p1").put("userId", userId);
        if (encounterId != null) {
            context.put("encounterId", encounterId);
        }
        return context;
    }
}
