package org.hsgcds.security;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hsgcds.testsupport.ReplicasPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The shared replay store on PostgreSQL, as replicas use it; each test migrates a schema of its own. */
@ExtendWith(ReplicasPostgres.class)
class PostgresSharedReplayStoreTest extends SharedReplayStoreContract {

    private static final List<String> SCHEMAS = new ArrayList<>();

    @Override
    DataSource database() {
        String schema = ReplicasPostgres.newSchema("replay_test");
        SCHEMAS.add(schema);
        try (var c = java.sql.DriverManager.getConnection(
                        ReplicasPostgres.url(), ReplicasPostgres.user(), ReplicasPostgres.password());
                var s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new DriverManagerDataSource(
                ReplicasPostgres.urlWithSchema(schema), ReplicasPostgres.user(), ReplicasPostgres.password());
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        for (String schema : SCHEMAS) {
            ReplicasPostgres.dropSchema(schema);
        }
    }
}
