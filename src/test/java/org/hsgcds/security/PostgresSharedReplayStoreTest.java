package org.hsgcds.security;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.hsgcds.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared replay store on PostgreSQL, as replicas use it; each test migrates a schema of its own. */
@ExtendWith(TestPostgres.Replicas.class)
class PostgresSharedReplayStoreTest extends SharedReplayStoreContract {

    private static final List<String> SCHEMAS = new ArrayList<>();

    @Override
    String jdbcUrl() {
        String schema = TestPostgres.newSchema("replay_test");
        SCHEMAS.add(schema);
        try (Connection c = DriverManager.getConnection(TestPostgres.REPLICAS.url(), user(), password());
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return TestPostgres.REPLICAS.urlWithSchema(schema);
    }

    @Override
    String user() {
        return TestPostgres.REPLICAS.user();
    }

    @Override
    String password() {
        return TestPostgres.REPLICAS.password();
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        for (String schema : SCHEMAS) {
            TestPostgres.REPLICAS.dropSchema(schema);
        }
    }
}
