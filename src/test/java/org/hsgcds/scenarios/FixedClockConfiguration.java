package org.hsgcds.scenarios;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Pins the service's clock to the day the test run started, so fixtures and service agree on "today". */
@TestConfiguration
public class FixedClockConfiguration {

    public static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Bean
    @Primary
    Clock fixedClock() {
        Instant noon = TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
        return Clock.fixed(noon, ZoneId.of("UTC"));
    }
}
