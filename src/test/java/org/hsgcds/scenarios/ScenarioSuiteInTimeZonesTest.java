package org.hsgcds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.hsgcds.testsupport.HsgServiceTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;

/**
 * The whole scenario suite under two site time zones either side of UTC (RULES.md v3, "Dates in the department's
 * time"): every scenario gives the same cards in Los Angeles (UTC-8/-7) and in Shanghai (UTC+8), since the test clock
 * stands at noon UTC, the same date in both. Each zone also has scenarios whose times cross midnight UTC, which only
 * pass when times with an offset are taken in the site's zone (orders, appointments and the record's own dates).
 */
class ScenarioSuiteInTimeZonesTest {

    static Stream<Scenario> scenarios(String zoneDir) {
        return Stream.concat(
                        Scenario.files(ScenarioSuiteTest.DIR).stream(),
                        Scenario.files(Path.of("src/test/resources/scenarios-time-zone", zoneDir)).stream())
                .map(f -> Scenario.load(f, FixedClockConfiguration.TODAY));
    }

    /** The suite in one site time zone: the shared scenarios and the zone's own ({@code scenarios-time-zone/<zone>}). */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class InZone {

        private final String zone;

        @Autowired
        TestRestTemplate http;

        InZone(String zone) {
            this.zone = zone;
        }

        Stream<Scenario> scenarios() {
            return ScenarioSuiteInTimeZonesTest.scenarios(zone);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("scenarios")
        void scenarioGivesTheSameCardsInTheZone(Scenario scenario) throws Exception {
            scenario.sendAndCheck(http);
        }

        @Test
        void zoneScenariosAreThere() {
            assertThat(Scenario.files(Path.of("src/test/resources/scenarios-time-zone", zone)))
                    .hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Nested
    @HsgServiceTest(properties = "hsg.protocol.location=classpath:protocol/los-angeles.json")
    class LosAngeles extends InZone {
        LosAngeles() {
            super("los-angeles");
        }
    }

    @Nested
    @HsgServiceTest(properties = "hsg.protocol.location=classpath:protocol/shanghai.json")
    class Shanghai extends InZone {
        Shanghai() {
            super("shanghai");
        }
    }
}
