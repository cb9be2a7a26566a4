package org.hsgcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.ConnectionCounter;
import org.hsgcds.testsupport.FhirTestServer;
import org.hsgcds.testsupport.FhirTestServer.Fault;
import org.hsgcds.testsupport.HsgServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The fallback against a real HAPI FHIR server that misbehaves on purpose. Each call is checked for
 * its status, its cards, and that it came back within the deadline (the default, 2 s) plus a margin.
 */
@HsgServiceTest
@ExtendWith(OutputCaptureExtension.class)
class FallbackFaultTest {

    static final FhirTestServer FHIR = FhirTestServer.start(5);
    static final ConnectionCounter ELSEWHERE = ConnectionCounter.start();
    static final long DEADLINE_MS = 2000;
    static final long MARGIN_MS = 1000;
    static final String TOKEN = "tok-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    static final java.util.Set<String> ADVICE_TOPICS = java.util.Set.of(
            "chlamydia-screening",
            "timing",
            "pregnancy-test",
            "vaginal-discharge",
            "antibiotic-prophylaxis",
            "indication",
            "preparation",
            "aftercare");

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void fhirServer(DynamicPropertyRegistry properties) {
        properties.add("hsg.fhir.allowed-servers", () -> FHIR.baseUrl() + ", https://allowed.example.org/fhir");
    }

    @AfterAll
    static void stopServers() throws IOException {
        FHIR.close();
        ELSEWHERE.close();
    }

    private static boolean warm;

    @BeforeEach
    void cleanRecord() throws InterruptedException {
        FHIR.reset(FallbackFixtures.cleanRecord().resources());
        if (!warm) {
            warmServiceThreads();
            warm = true;
        }
    }

    /**
     * The first calls pay one-time costs (class loading and JIT of the engine and HAPI, the shared model resolver
     * learning each retrieved type's path to the patient); they are paid here, on several request threads at once,
     * so that the timing assertions measure the fallback and not the warm-up.
     */
    private void warmServiceThreads() throws InterruptedException {
        Scenario scenario = FallbackFixtures.cleanRecord();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        for (int i = 0; i < 48; i++) {
            pool.submit(() -> post(scenario.serviceId(), scenario.request()));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(120, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();
        FHIR.reset(scenario.resources());
    }

    @Test
    void aWorkingServerGivesTheAllClear() {
        Call call = post(FallbackFixtures.cleanRecord(), TOKEN);

        call.assertWithinDeadline();
        assertThat(call.status).isEqualTo(200);
        assertThat(call.topics()).containsExactly("eligible/info");
    }

    static Stream<Arguments> faults() {
        String operationOutcome =
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"forbidden\"}]}";
        return Stream.of(
                Arguments.of(
                        "slow past the deadline", "Observation", Fault.delay(Duration.ofSeconds(5)), "observations"),
                Arguments.of("HTTP 401", "Condition", Fault.status(401), "conditions"),
                Arguments.of("HTTP 500", "AllergyIntolerance", Fault.status(500), "allergies"),
                Arguments.of("HTTP 404 for the patient", "Patient", Fault.status(404), "patient"),
                Arguments.of(
                        "malformed JSON",
                        "Procedure",
                        Fault.body("{\"resourceType\":\"Bundle\",\"entry\":[{"),
                        "procedures"),
                Arguments.of(
                        "not FHIR at all",
                        "Observation",
                        Fault.body("<html><body>Maintenance</body></html>"),
                        "observations"),
                Arguments.of(
                        "an OperationOutcome with HTTP 200", "Condition", Fault.body(operationOutcome), "conditions"),
                Arguments.of(
                        "a redirect to another host",
                        "Observation",
                        Fault.redirect("http://127.0.0.1:" + ELSEWHERE.port() + "/fhir/Observation"),
                        "observations"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void aKeyThatFailsGivesDataUnavailableAndNoAllClear(String label, String type, Fault fault, String key) {
        FHIR.fault(type, fault);

        Call call = post(FallbackFixtures.cleanRecord(), TOKEN);

        call.assertWithinDeadline();
        assertThat(call.status).isEqualTo(200);
        assertThat(call.topics()).contains("data-unavailable/warning").doesNotContain("eligible/info");
        assertThat(call.detail("data-unavailable")).contains(key + " (");
        assertThat(ELSEWHERE.connections()).isZero();
    }

    @Test
    void contraindicationsInTheDataThatWasReadAreStillReported() {
        FHIR.reset(FallbackFixtures.pregnant().resources());
        FHIR.fault("Observation", Fault.status(500));

        Call call = post(FallbackFixtures.pregnant(), TOKEN);

        call.assertWithinDeadline();
        assertThat(call.topics()).containsExactly("pregnancy/critical", "data-unavailable/warning");
        assertThat(call.detail("data-unavailable")).contains("observations (the FHIR server answered HTTP 500)");
    }

    @Test
    void anOperationOutcomeInPrefetchMakesThatKeyUnavailableAndIsNotFetched() {
        Scenario scenario = FallbackFixtures.cleanRecord();
        ObjectNode request = scenario.request();
        ((ObjectNode) request.get("prefetch"))
                .putObject("conditions")
                .put("resourceType", "OperationOutcome")
                .putArray("issue")
                .addObject()
                .put("severity", "error")
                .put("code", "timeout");
        ((ObjectNode) request.get("prefetch")).remove(List.of("observations", "procedures"));
        request.put("fhirServer", FHIR.baseUrl());

        Call call = post(scenario.serviceId(), request);

        call.assertWithinDeadline();
        assertThat(call.status).isEqualTo(200);
        assertThat(call.topics()).containsExactly("data-unavailable/warning");
        assertThat(call.detail("data-unavailable"))
                .contains("conditions (")
                .doesNotContain("observations", "procedures");
        assertThat(FHIR.requests())
                .extracting(FhirTestServer.Request::type)
                .containsExactlyInAnyOrder("Observation", "Procedure");
    }

    @Test
    void aSearchOfThreePagesIsReadToTheEndWithTheTokenOnEveryPage() {
        Scenario scenario = FallbackFixtures.positiveHcgOnPageThree();
        FHIR.reset(scenario.resources());
        Call prefetched = post(scenario.serviceId(), scenario.request());

        Call call = post(scenario, TOKEN);

        call.assertWithinDeadline();
        assertThat(call.topics()).containsExactly("pregnancy/critical").isEqualTo(prefetched.topics());
        assertThat(FHIR.requests()).filteredOn(r -> r.type().equals("page")).hasSize(2);
        assertThat(FHIR.requests())
                .extracting(FhirTestServer.Request::authorization)
                .containsOnly("Bearer " + TOKEN);
    }

    @Test
    void theDeadlineBoundsTheWholeCallAcrossPages() {
        Scenario scenario = FallbackFixtures.positiveHcgOnPageThree();
        FHIR.reset(scenario.resources());
        // Each page answers within the read timeout (1.5 s), but two of them together overrun the 2 s deadline.
        FHIR.fault("page", Fault.delay(Duration.ofMillis(1200)));

        Call call = post(scenario, TOKEN);

        call.assertWithinDeadline();
        assertThat(call.millis).isGreaterThanOrEqualTo(DEADLINE_MS - 100);
        assertThat(call.topics()).containsExactly("data-unavailable/warning");
        assertThat(call.detail("data-unavailable")).contains("observations (no answer from the FHIR server");
    }

    @Test
    void aNextLinkToAnotherServerIsNotFollowed() {
        FHIR.fault(
                "Observation",
                Fault.body(searchsetWithNext("http://127.0.0.1:" + ELSEWHERE.port() + "/fhir?_getpages=x")));

        Call call = post(FallbackFixtures.cleanRecord(), TOKEN);

        call.assertWithinDeadline();
        assertThat(call.topics()).containsExactly("data-unavailable/warning");
        assertThat(call.detail("data-unavailable"))
                .contains("observations (a next-page link points away from the FHIR server)");
        assertThat(ELSEWHERE.connections()).isZero();
    }

    @Test
    void aNextLinkThatNeverEndsIsCutOffAtMaxPages() {
        FHIR.fault(
                "Observation",
                Fault.body(searchsetWithNext(FHIR.baseUrl() + "/Observation?patient=" + Scenario.PATIENT_ID)));

        Call call = post(FallbackFixtures.cleanRecord(), TOKEN);

        call.assertWithinDeadline();
        assertThat(call.topics()).containsExactly("data-unavailable/warning");
        assertThat(call.detail("data-unavailable")).contains("observations (the search has more than 20 pages)");
        assertThat(FHIR.requests())
                .filteredOn(r -> r.type().equals("Observation"))
                .hasSize(20);
    }

    static Stream<String> notAllowed() {
        int allowed = FHIR.port();
        int elsewhere = ELSEWHERE.port();
        return Stream.of(
                "http://127.0.0.1:" + elsewhere + "/fhir",
                "http://127.0.0.1:" + allowed + "@127.0.0.1:" + elsewhere + "/fhir",
                "https://allowed.example.org@127.0.0.1:" + elsewhere + "/fhir",
                "http://localhost:" + elsewhere + "/fhir",
                "http://127.0.0.1:" + allowed + "/fhir/../admin",
                "http://127.0.0.1:" + allowed + "/fhirx",
                "https://allowed.example.org.evil.com/fhir",
                "http://allowed.example.org/fhir",
                "https://allowed.example.org:8443/fhir",
                "file:///etc/passwd",
                "not a url");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notAllowed")
    void aServerNotOnTheAllowListIsNeverContacted(String fhirServer) {
        Scenario scenario = FallbackFixtures.cleanRecord();
        ObjectNode request = FallbackFixtures.withoutPrefetch(scenario.request(), FHIR.baseUrl(), TOKEN);
        request.put("fhirServer", fhirServer);

        Call call = post(scenario.serviceId(), request);

        call.assertWithinDeadline();
        assertThat(call.status).isEqualTo(412);
        assertThat(call.body.path("message").asText()).contains("not allowed").doesNotContain(TOKEN);
        assertThat(ELSEWHERE.connections()).isZero();
        assertThat(FHIR.requests()).isEmpty();
    }

    @Test
    void withoutFhirAuthorizationTheServerIsAskedWithoutAToken() {
        Scenario scenario = FallbackFixtures.cleanRecord();
        ObjectNode request = FallbackFixtures.withoutPrefetch(scenario.request(), FHIR.baseUrl(), TOKEN);
        request.remove("fhirAuthorization");

        Call open = post(scenario.serviceId(), request);
        List<FhirTestServer.Request> asked = FHIR.requests();
        List.of("Patient", "Condition", "AllergyIntolerance", "Observation", "Procedure")
                .forEach(t -> FHIR.fault(t, Fault.status(401)));
        Call closed = post(scenario.serviceId(), request);

        open.assertWithinDeadline();
        assertThat(open.topics()).containsExactly("eligible/info");
        assertThat(asked)
                .hasSize(5)
                .extracting(FhirTestServer.Request::authorization)
                .containsOnlyNulls();
        closed.assertWithinDeadline();
        assertThat(closed.topics()).containsExactly("data-unavailable/warning");
        assertThat(closed.detail("data-unavailable")).contains("HTTP 401");
    }

    @Test
    void theTokenIsNeverLoggedNorReturned(CapturedOutput output) {
        Call fine = post(FallbackFixtures.cleanRecord(), TOKEN);
        FHIR.fault("Condition", Fault.status(500));
        FHIR.fault("Observation", Fault.body("{not json " + TOKEN));
        Call failing = post(FallbackFixtures.cleanRecord(), TOKEN);

        assertThat(fine.topics()).containsExactly("eligible/info");
        assertThat(failing.topics()).containsExactly("data-unavailable/warning");
        assertThat(fine.body.toString() + failing.body).doesNotContain(TOKEN);
        assertThat(output.getAll()).doesNotContain(TOKEN);
    }

    private static String searchsetWithNext(String next) {
        ObjectNode bundle =
                JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        bundle.putArray("link").addObject().put("relation", "next").put("url", next);
        bundle.putArray("entry");
        return bundle.toString();
    }

    private Call post(Scenario scenario, String token) {
        return post(scenario.serviceId(), FallbackFixtures.withoutPrefetch(scenario.request(), FHIR.baseUrl(), token));
    }

    private Call post(String serviceId, ObjectNode request) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        long started = System.nanoTime();
        ResponseEntity<String> response = http.postForEntity(
                "/cds-services/" + serviceId, new HttpEntity<>(request.toString(), headers), String.class);
        long millis = (System.nanoTime() - started) / 1_000_000;
        try {
            return new Call(response.getStatusCode().value(), JSON.readTree(response.getBody()), millis);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One hook call as the EHR saw it. */
    record Call(int status, JsonNode body, long millis) {

        /** The decision cards (contraindications, all-clear, data-unavailable); advice cards are left out. */
        List<String> topics() {
            List<String> topics = new ArrayList<>();
            body.path("cards").forEach(c -> {
                String topic = c.path("source").path("topic").path("code").asText();
                if (!ADVICE_TOPICS.contains(topic)) {
                    topics.add(topic + "/" + c.path("indicator").asText());
                }
            });
            return topics;
        }

        String detail(String topic) {
            for (JsonNode card : body.path("cards")) {
                if (topic.equals(card.path("source").path("topic").path("code").asText())) {
                    return card.path("detail").asText();
                }
            }
            return "";
        }

        void assertWithinDeadline() {
            assertThat(millis).as("response time in ms; body " + body).isLessThan(DEADLINE_MS + MARGIN_MS);
        }
    }
}
