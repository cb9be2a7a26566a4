package org.hsgcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.FhirServerServiceTest;
import org.hsgcds.testsupport.FhirTestServer;
import org.hsgcds.testsupport.FhirTestServer.Fault;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A conditions prefetch that is page 1 of a search a real HAPI FHIR server pages two at a time, with the pregnancy on
 * page 2: followed on the allowed fhirServer, the pregnancy is found; with no way to follow it, the key is
 * unavailable and never all-clear.
 */
class PagedPrefetchTest extends FhirServerServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "paged-token";

    private final Scenario scenario = FallbackFixtures.pregnantOnPageTwo();
    private JsonNode firstPage;

    @BeforeAll
    static void twoResourcesAPage() {
        FHIR.pageSize(2);
    }

    @BeforeEach
    void firstPageAsTheEhrPrefetchesIt() throws IOException, InterruptedException {
        FHIR.reset(scenario.resources());
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(FHIR.baseUrl() + "/Condition?patient=" + Scenario.PATIENT_ID))
                                .header("Accept", "application/fhir+json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        firstPage = JSON.readTree(page.body());
        assertThat(firstPage.path("entry")).hasSize(2);
        assertThat(firstPage.path("entry").toString()).doesNotContain("77386006");
        assertThat(firstPage.path("link").toString()).contains("\"next\"");
        FHIR.reset(scenario.resources()); // forget the request above, keep the search's pages
    }

    @Test
    void theNextPageIsFetchedFromTheAllowedServerAndThePregnancyOnItIsFound() throws IOException {
        JsonNode body = post(request(true));

        assertThat(cards(body)).contains("pregnancy/critical").doesNotContain("eligible/info");
        assertThat(cards(body)).noneMatch(card -> card.startsWith("data-unavailable"));
        assertThat(FHIR.requests()).extracting(FhirTestServer.Request::type).containsExactly("page");
        assertThat(FHIR.requests())
                .extracting(FhirTestServer.Request::authorization)
                .containsOnly("Bearer " + TOKEN);
    }

    @Test
    void withNoFhirServerThePagedKeyIsUnavailableAndNeverAllClear() throws IOException {
        JsonNode body = post(request(false));

        assertThat(cards(body)).contains("data-unavailable/warning").doesNotContain("eligible/info");
        assertThat(detail(body, "data-unavailable"))
                .contains("conditions (page 1 of a paged search; the next page could not be fetched: "
                        + "no fhirServer was given to fetch it from)");
        assertThat(FHIR.requests()).isEmpty();
    }

    @Test
    void aNextPageThatFailsMakesTheKeyUnavailableNotA412() throws IOException {
        FHIR.fault("page", Fault.status(500));

        JsonNode body = post(request(true));

        assertThat(cards(body)).contains("data-unavailable/warning").doesNotContain("eligible/info");
        assertThat(detail(body, "data-unavailable"))
                .contains("conditions (page 1 of a paged search; the next page could not be fetched: "
                        + "the FHIR server answered HTTP 500)");
    }

    @Test
    void aNextLinkAwayFromTheFhirServerIsNotFollowed() throws IOException {
        ((ObjectNode) linkNamed(firstPage, "next")).put("url", "https://elsewhere.example.org/fhir?_getpages=x");

        JsonNode body = post(request(true));

        assertThat(cards(body)).contains("data-unavailable/warning").doesNotContain("eligible/info");
        assertThat(detail(body, "data-unavailable"))
                .contains("the next page could not be fetched: the next-page link points away from the FHIR server");
        assertThat(FHIR.requests()).isEmpty();
    }

    private ObjectNode request(boolean withServer) {
        ObjectNode request = scenario.request();
        ((ObjectNode) request.get("prefetch")).set("conditions", firstPage);
        if (withServer) {
            request.put("fhirServer", FHIR.baseUrl());
            request.putObject("fhirAuthorization")
                    .put("access_token", TOKEN)
                    .put("token_type", "Bearer")
                    .put("expires_in", 300)
                    .put("scope", "patient/*.read")
                    .put("subject", "hsg-cds");
        }
        return request;
    }

    private static JsonNode linkNamed(JsonNode bundle, String relation) {
        for (JsonNode link : bundle.path("link")) {
            if (relation.equals(link.path("relation").asText())) {
                return link;
            }
        }
        throw new AssertionError("no " + relation + " link");
    }

    private static List<String> cards(JsonNode body) {
        List<String> cards = new ArrayList<>();
        body.path("cards")
                .forEach(c ->
                        cards.add(c.path("source").path("topic").path("code").asText() + "/"
                                + c.path("indicator").asText()));
        return cards;
    }

    private static String detail(JsonNode body, String topic) {
        for (JsonNode card : body.path("cards")) {
            if (topic.equals(card.path("source").path("topic").path("code").asText())) {
                return card.path("detail").asText();
            }
        }
        return "";
    }

    private JsonNode post(ObjectNode request) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = http.postForEntity(
                "/cds-services/" + scenario.serviceId(), new HttpEntity<>(request.toString(), headers), String.class);
        assertThat(response.getStatusCode().value())
                .as("status; body " + response.getBody())
                .isEqualTo(200);
        return JSON.readTree(response.getBody());
    }
}
