package org.hsgcds.security;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.hsgcds.testsupport.ReplicasPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared replay store on PostgreSQL, as replicas use it; each test migrates a schema of its own. */
@ExtendWith(ReplicasPostgres.class)
class PostgresSharedReplayStoreTest extends SharedReplayStoreContract {

    private static final List<String> SCHEMAS = new ArrayList<>();

    @Override
    String jdbcUrl() {
        String schema = ReplicasPostgres.newSchema("replay_test");
        SCHEMAS.add(schema);
        try (Connection c = DriverManager.getConnection(ReplicasPostgres.url(), user(), password());
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ReplicasPostgres.urlWithSchema(schema);
    }

    @Override
    String user() {
        return ReplicasPostgres.user();
    }

    @Override
    String password() {
        return ReplicasPostgres.password();
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        for (String schema : SCHEMAS) {
            ReplicasPostgres.dropSchema(schema);
        }
    }
}
