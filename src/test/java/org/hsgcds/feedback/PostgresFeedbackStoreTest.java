package org.hsgcds.feedback;

import java.util.UUID;
import org.hsgcds.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The feedback store contract on PostgreSQL. Each run migrates its own schema with Flyway and drops it
 * afterwards, so runs do not see each other's rows. Skipped (with the reason) when no server is reachable.
 */
@ExtendWith(TestPostgres.Feedback.class)
class PostgresFeedbackStoreTest extends FeedbackStoreContract {

    static final String SCHEMA = "feedback_test_" + UUID.randomUUID().toString().replace("-", "");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> TestPostgres.FEEDBACK.urlWithSchema(SCHEMA));
        properties.add("spring.datasource.username", TestPostgres.FEEDBACK::user);
        properties.add("spring.datasource.password", TestPostgres.FEEDBACK::password);
        properties.add("spring.flyway.schemas", () -> SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        TestPostgres.FEEDBACK.dropSchema(SCHEMA);
    }

    @Override
    String database() {
        return "PostgreSQL";
    }
}
