package org.hsgcds.security;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The shared replay store on the default embedded H2 (one replica's database), in PostgreSQL mode as shipped. */
class H2SharedReplayStoreTest extends SharedReplayStoreContract {

    @Override
    DataSource database() {
        return new DriverManagerDataSource(
                "jdbc:h2:mem:replay-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
    }
}
