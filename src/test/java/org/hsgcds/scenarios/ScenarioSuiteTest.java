package org.hsgcds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.hsgcds.testsupport.HsgServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;

/**
 * Every file under src/test/resources/scenarios: given the patient data and a draft order, when the
 * hook is called over HTTP, then the cards (or the error) are as expected and the response conforms.
 */
@HsgServiceTest
class ScenarioSuiteTest {

    static final Path DIR = Path.of("src/test/resources/scenarios");

    @Autowired
    TestRestTemplate http;

    static Stream<Scenario> scenarios() {
        return Scenario.all(DIR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioGivesExpectedCards(Scenario scenario) throws Exception {
        scenario.sendAndCheck(http);
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
}
