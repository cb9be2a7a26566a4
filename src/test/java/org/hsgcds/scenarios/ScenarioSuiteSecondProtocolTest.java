package org.hsgcds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.hsgcds.testsupport.HsgServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;

/**
 * The scenarios under src/test/resources/scenarios-second-protocol, run against a second site protocol
 * (protocol/second-site.json: hCG on the day itself, window cycle days 5–10, recent events 56 days), to
 * show the protocol parameters reach the rules without a CQL edit.
 */
@HsgServiceTest(properties = "hsg.protocol.location=classpath:protocol/second-site.json")
class ScenarioSuiteSecondProtocolTest {

    static final Path DIR = Path.of("src/test/resources/scenarios-second-protocol");

    @Autowired
    TestRestTemplate http;

    static Stream<Scenario> scenarios() {
        return Scenario.all(DIR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioGivesExpectedCardsUnderTheSecondProtocol(Scenario scenario) throws Exception {
        scenario.sendAndCheck(http);
    }

    @Test
    void suiteHasScenarios() {
        assertThat(scenarios()).hasSizeGreaterThanOrEqualTo(4);
    }
}
