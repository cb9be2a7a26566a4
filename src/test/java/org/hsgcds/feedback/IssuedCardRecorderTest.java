package org.hsgcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.util.List;
import org.hsgcds.cdshooks.Card;
import org.hsgcds.cdshooks.Coding;
import org.hsgcds.cdshooks.Indicator;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class IssuedCardRecorderTest {

    @Test
    void shouldNotFailTheHookCallWhenTheDatabaseIsUnreachable() {
        // IFEXISTS=TRUE: H2 refuses to open a database that does not exist, as an unreachable server would.
        JdbcTemplate unreachable = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:absent;IFEXISTS=TRUE"));
        IssuedCardRecorder recorder = new IssuedCardRecorder(unreachable, Clock.systemUTC());
        recorder.afterPropertiesSet();
        Card card = new Card(
                "2b1c6a3e-5f0d-4c1e-9a7b-3d2e1f0a9b8c",
                "summary",
                null,
                Indicator.CRITICAL,
                new Card.Source("HSG", null, new Coding("http://example.org", "pregnancy", "Pregnancy")),
                null,
                null,
                null,
                null);

        assertThatCode(() -> recorder.issued("hsg-order-sign", "hook-1", List.of(card)))
                .doesNotThrowAnyException();
        long started = System.nanoTime();
        assertThatCode(() -> recorder.flush(java.time.Duration.ofSeconds(5))).doesNotThrowAnyException();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .as("the writer ran and gave up on the row")
                .isLessThan(java.time.Duration.ofSeconds(4));
        assertThatCode(recorder::destroy).doesNotThrowAnyException();
    }
}
