package org.hsgcds.security;

import java.util.UUID;

/** The shared replay store on the default embedded H2 (one replica's database), in PostgreSQL mode as shipped. */
class H2SharedReplayStoreTest extends SharedReplayStoreContract {

    @Override
    String jdbcUrl() {
        return "jdbc:h2:mem:replay-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1";
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    String password() {
        return "";
    }
}
