package org.hsgcds.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shared {@code jti} store on a real database migrated by Flyway, with two stores standing for two replicas: a
 * token accepted by one is a replay at the other, expiry frees a row, the bound holds (fail closed), and of
 * replicas racing on one token exactly one accepts it.
 */
abstract class SharedReplayStoreContract {

    private static final Instant NOW = Instant.parse("2026-12-06T20:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofMinutes(6));

    private final List<SharedReplayStore> stores = new ArrayList<>();
    private HikariDataSource pool;
    private JdbcClient jdbc;

    /** The JDBC URL of an empty database (or schema) for one test. */
    abstract String jdbcUrl();

    abstract String user();

    abstract String password();

    @BeforeEach
    void migrate() {
        pool = new HikariDataSource();
        pool.setJdbcUrl(jdbcUrl());
        pool.setUsername(user());
        pool.setPassword(password());
        pool.setMaximumPoolSize(8);
        Flyway.configure().dataSource(pool).load().migrate();
        jdbc = JdbcClient.create(pool);
    }

    @AfterEach
    void closeStores() {
        stores.forEach(SharedReplayStore::close);
        pool.close();
    }

    private SharedReplayStore replica(int capacity) {
        SharedReplayStore store = new SharedReplayStore(jdbc, capacity);
        stores.add(store);
        return store;
    }

    @Test
    void aTokenAcceptedByOneReplicaIsAReplayAtEveryReplica() {
        SharedReplayStore a = replica(100);
        SharedReplayStore b = replica(100);
        String id = "https://ehr.example.org\n" + UUID.randomUUID();
        assertThat(a.remember(id, NOW.plusSeconds(300), NOW)).isEqualTo(ReplayStore.Result.FIRST_USE);
        assertThat(b.remember(id, NOW.plusSeconds(300), NOW.plusSeconds(1))).isEqualTo(ReplayStore.Result.REPLAY);
        assertThat(a.remember(id, NOW.plusSeconds(300), NOW.plusSeconds(2))).isEqualTo(ReplayStore.Result.REPLAY);
        assertThat(b.remember(id + "x", NOW.plusSeconds(300), NOW)).isEqualTo(ReplayStore.Result.FIRST_USE);
    }

    @Test
    void theTableHoldsAHashNotTheIssuerOrJti() {
        String jti = "jti-" + UUID.randomUUID();
        replica(100).remember("https://ehr.example.org\n" + jti, NOW.plusSeconds(300), NOW);
        List<String> keys = jdbc.sql("SELECT token_key FROM client_token_use")
                .query(String.class)
                .list();
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0)).matches("[0-9a-f]{64}").doesNotContain(jti);
    }

    @Test
    void anExpiredEntryNoLongerCounts() {
        SharedReplayStore a = replica(100);
        SharedReplayStore b = replica(100);
        String id = "iss\n" + UUID.randomUUID();
        assertThat(a.remember(id, NOW.plusSeconds(300), NOW)).isEqualTo(ReplayStore.Result.FIRST_USE);
        // Past the first token's expiry (no sweep yet): the id may be used again, once.
        assertThat(b.remember(id, LATER.plusSeconds(300), LATER)).isEqualTo(ReplayStore.Result.FIRST_USE);
        assertThat(a.remember(id, LATER.plusSeconds(300), LATER)).isEqualTo(ReplayStore.Result.REPLAY);
    }

    @Test
    void whenFullNewTokensAreRefusedUntilEntriesExpire() {
        SharedReplayStore a = replica(3);
        for (int i = 0; i < 3; i++) {
            assertThat(a.remember("iss\n" + i, NOW.plusSeconds(300), NOW)).isEqualTo(ReplayStore.Result.FIRST_USE);
        }
        // The first call started a background sweep whose count may have missed the inserts after it (the bound is
        // approximate by design); a sweep now waits for it and counts the table as it is.
        a.sweep(NOW);
        assertThat(a.remember("iss\nnew", NOW.plusSeconds(300), NOW)).isEqualTo(ReplayStore.Result.FULL);
        // Still full for a replica that just started: it counts the table when it first fills.
        SharedReplayStore b = replica(3);
        b.sweep(NOW);
        assertThat(b.remember("iss\nnew", NOW.plusSeconds(300), NOW)).isEqualTo(ReplayStore.Result.FULL);
        // Once the entries expire the sweep removes them and new tokens are accepted again.
        assertThat(a.remember("iss\nnew", LATER.plusSeconds(300), LATER)).isEqualTo(ReplayStore.Result.FIRST_USE);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM client_token_use")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void ofReplicasRacingOnOneTokenExactlyOneAcceptsIt() throws Exception {
        SharedReplayStore a = replica(1000);
        SharedReplayStore b = replica(1000);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String id = "iss\n" + UUID.randomUUID();
                List<Callable<ReplayStore.Result>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    SharedReplayStore store = i % 2 == 0 ? a : b;
                    calls.add(() -> store.remember(id, NOW.plusSeconds(300), NOW));
                }
                List<ReplayStore.Result> results = new ArrayList<>();
                for (Future<ReplayStore.Result> f : threads.invokeAll(calls)) {
                    results.add(f.get());
                }
                assertThat(results)
                        .filteredOn(r -> r == ReplayStore.Result.FIRST_USE)
                        .hasSize(1);
                assertThat(results)
                        .filteredOn(r -> r == ReplayStore.Result.REPLAY)
                        .hasSize(7);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anUnreachableDatabaseThrowsSoTheVerifierRefuses() {
        SharedReplayStore gone = new SharedReplayStore(JdbcClient.create(unreachable()), 100);
        stores.add(gone);
        assertThatThrownBy(() -> gone.remember("iss\nx", NOW.plusSeconds(300), NOW))
                .isInstanceOf(RuntimeException.class);
    }

    private static DataSource unreachable() {
        var dataSource = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                "jdbc:postgresql://127.0.0.1:1/none", "nobody", "none");
        return dataSource;
    }
}
