package org.hsgcds.feedback;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.h2.jdbcx.JdbcDataSource;
import org.hsgcds.HsgCdsApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** H2 without PostgreSQL mode stops start-up with what to set, instead of failing feedback at run time. */
class FeedbackStoreCheckTest {

    @Test
    void h2InItsOwnModeIsRefusedWithTheSettingToAdd() {
        assertThatThrownBy(() -> new FeedbackStoreCheck(h2("jdbc:h2:mem:regular-mode")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.datasource.url")
                .hasMessageContaining(";MODE=PostgreSQL");
    }

    @Test
    void h2InPostgresModeIsAccepted() {
        assertThatCode(() -> new FeedbackStoreCheck(h2("jdbc:h2:mem:pg-mode;MODE=PostgreSQL")))
                .doesNotThrowAnyException();
    }

    @Test
    void theServiceRefusesToStartOnH2WithoutPostgresMode() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(HsgCdsApplication.class)
                        .run(
                                "--spring.datasource.url=jdbc:h2:mem:start-up-regular-mode",
                                "--server.port=0",
                                "--management.server.port=0"))
                .rootCause()
                .hasMessageContaining(";MODE=PostgreSQL");
    }

    private static JdbcDataSource h2(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }
}
