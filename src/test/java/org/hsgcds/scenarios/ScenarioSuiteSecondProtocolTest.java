package org.hsgcds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;

/**
 * The scenarios under src/test/resources/scenarios-second-protocol, run against a second site protocol
 * (protocol/second-site.json: hCG on the day itself, window cycle days 5–10, recent events 56 days), to
 * show the protocol parameters reach the rules without a CQL edit.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "hsg.protocol.location=classpath:protocol/second-site.json")
@Import(FixedClockConfiguration.class)
class ScenarioSuiteSecondProtocolTest {

    static final Path DIR = Path.of("src/test/resources/scenarios-second-protocol");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;

    static Stream<Scenario> scenarios() {
        return Scenario.files(DIR).stream().map(f -> Scenario.load(f, FixedClockConfiguration.TODAY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioGivesExpectedCardsUnderTheSecondProtocol(Scenario scenario) throws Exception {
        ResponseEntity<String> response = ScenarioSuiteTest.post(http, scenario);
        ScenarioAssertions.assertMatches(scenario, response.getStatusCode().value(), JSON.readTree(response.getBody()));
    }

    @Test
    void suiteHasScenarios() {
        assertThat(scenarios()).hasSizeGreaterThanOrEqualTo(4);
    }
}
