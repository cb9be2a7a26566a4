package org.hsgcds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
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
 * The whole scenario suite under two site time zones either side of UTC (RULES.md v3, "Dates in the department's
 * time"): every scenario gives the same cards in Los Angeles (UTC-8/-7) and in Shanghai (UTC+8), since the test clock
 * stands at noon UTC, the same date in both. Each zone also has scenarios whose times cross midnight UTC, which only
 * pass when times with an offset are taken in the site's zone (orders, appointments and the record's own dates).
 */
class ScenarioSuiteInTimeZonesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Scenario> scenarios(String zoneDir) {
        return Stream.concat(
                        Scenario.files(ScenarioSuiteTest.DIR).stream(),
                        Scenario.files(Path.of("src/test/resources/scenarios-time-zone", zoneDir)).stream())
                .map(f -> Scenario.load(f, FixedClockConfiguration.TODAY));
    }

    static void check(TestRestTemplate http, Scenario scenario) throws Exception {
        ResponseEntity<String> response = ScenarioSuiteTest.post(http, scenario);
        ScenarioAssertions.assertMatches(scenario, response.getStatusCode().value(), JSON.readTree(response.getBody()));
    }

    @Nested
    @AutoConfigureTestRestTemplate
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "hsg.protocol.location=classpath:protocol/los-angeles.json")
    @Import(FixedClockConfiguration.class)
    class LosAngeles {

        @Autowired
        TestRestTemplate http;

        static Stream<Scenario> scenarios() {
            return ScenarioSuiteInTimeZonesTest.scenarios("los-angeles");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("scenarios")
        void scenarioGivesTheSameCardsInLosAngeles(Scenario scenario) throws Exception {
            check(http, scenario);
        }

        @Test
        void zoneScenariosAreThere() {
            assertThat(Scenario.files(Path.of("src/test/resources/scenarios-time-zone/los-angeles")))
                    .hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Nested
    @AutoConfigureTestRestTemplate
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "hsg.protocol.location=classpath:protocol/shanghai.json")
    @Import(FixedClockConfiguration.class)
    class Shanghai {

        @Autowired
        TestRestTemplate http;

        static Stream<Scenario> scenarios() {
            return ScenarioSuiteInTimeZonesTest.scenarios("shanghai");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("scenarios")
        void scenarioGivesTheSameCardsInShanghai(Scenario scenario) throws Exception {
            check(http, scenario);
        }

        @Test
        void zoneScenariosAreThere() {
            assertThat(Scenario.files(Path.of("src/test/resources/scenarios-time-zone/shanghai")))
                    .hasSizeGreaterThanOrEqualTo(3);
        }
    }
}
