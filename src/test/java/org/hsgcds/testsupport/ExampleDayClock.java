package org.hsgcds.testsupport;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Pins the service's clock to 1 Dec 2026, the day the bundled examples ({@code fhir-resources/examples}) were written
 * for: their orders are planned for 3 Dec 2026, and from RULES.md v3 on a planned date that has passed gives a timing
 * warning instead of the all-clear. Tests of the documented example answers run on that day.
 */
@TestConfiguration
public class ExampleDayClock {

    public static final Instant EXAMPLE_DAY = Instant.parse("2026-12-01T12:00:00Z");

    @Bean
    @Primary
    Clock exampleDayClock() {
        return Clock.fixed(EXAMPLE_DAY, ZoneOffset.UTC);
    }
}
