package org.hsgcds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every file under src/test/resources/scenarios: given the patient data and a draft order, when the
 * hook is called over HTTP, then the cards (or the error) are as expected and the response conforms.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FixedClockConfiguration.class)
class ScenarioSuiteTest {

    static final Path DIR = Path.of("src/test/resources/scenarios");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;

    static Stream<Scenario> scenarios() {
        return Scenario.files(DIR).stream().map(f -> Scenario.load(f, FixedClockConfiguration.TODAY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioGivesExpectedCards(Scenario scenario) throws Exception {
        ResponseEntity<String> response = post(scenario);
        ScenarioAssertions.assertMatches(scenario, response.getStatusCode().value(), JSON.readTree(response.getBody()));
    }

    @Test
    void everyScenarioSaysWhatIsPresentNotOnlyWhatIsAbsent() {
        assertThat(scenarios()
                        .map(ScenarioAssertions::weakness)
                        .filter(Objects::nonNull)
                        .toList())
                .isEmpty();
    }

    @Test
    void suiteIsLargeAndCoversBothHooks() {
        List<Scenario> all = scenarios().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(40);
        assertThat(all).extracting(Scenario::hook).contains("order-sign", "order-select");
    }

    private ResponseEntity<String> post(Scenario scenario) {
        return post(http, scenario);
    }

    static ResponseEntity<String> post(TestRestTemplate http, Scenario scenario) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(
                "/cds-services/" + scenario.serviceId(),
                new HttpEntity<>(scenario.request().toString(), headers),
                String.class);
    }
}
