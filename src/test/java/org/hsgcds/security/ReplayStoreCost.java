package org.hsgcds.security;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.hsgcds.testsupport.TestPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What remembering a client token's {@code jti} costs a hook call (bench/drivers/replay-store.sh): a timed loop of {@code
 * remember} with fresh ids on the in-memory cache, the shared store on the default embedded H2 file, and on
 * PostgreSQL (a fresh schema, dropped after). Prints the median, p90 and p99 in microseconds.
 */
final class ReplayStoreCost {

    private static final int WARMUP = 2_000;
    private static final int CALLS = 10_000;

    private ReplayStoreCost() {}

    public static void main(String[] args) throws Exception {
        report("memory (one JVM only)", new ReplayCache(1_000_000));
        Path h2 = Files.createTempDirectory("replay-cost-");
        try (HikariDataSource pool = pool(
                "jdbc:h2:file:" + h2.resolve("hsg-cds") + ";MODE=PostgreSQL;WRITE_DELAY=0;CACHE_SIZE=1024", "sa", "")) {
            measureOn("H2 file (one replica, default)", pool);
        }
        String schema = TestPostgres.newSchema("replay_cost");
        try (var c = java.sql.DriverManager.getConnection(
                        TestPostgres.REPLICAS.url(), TestPostgres.REPLICAS.user(), TestPostgres.REPLICAS.password());
                var s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try (HikariDataSource pool = pool(
                TestPostgres.REPLICAS.urlWithSchema(schema),
                TestPostgres.REPLICAS.user(),
                TestPostgres.REPLICAS.password())) {
            measureOn("PostgreSQL on loopback (replicas)", pool);
        } finally {
            TestPostgres.REPLICAS.dropSchema(schema);
        }
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(4);
        return pool;
    }

    private static void measureOn(String name, HikariDataSource pool) {
        Flyway.configure().dataSource(pool).load().migrate();
        try (SharedReplayStore store = new SharedReplayStore(JdbcClient.create(pool), 1_000_000)) {
            report(name, store);
        }
    }

    private static void report(String name, ReplayStore store) {
        Instant now = Instant.now();
        for (int i = 0; i < WARMUP; i++) {
            store.remember("iss\n" + UUID.randomUUID(), now.plusSeconds(300), now);
        }
        long[] micros = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            String id = "iss\n" + UUID.randomUUID();
            long started = System.nanoTime();
            store.remember(id, now.plusSeconds(300), now);
            micros[i] = (System.nanoTime() - started) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf(
                Locale.ROOT,
                "%-36s median %5d us  p90 %5d us  p99 %5d us  (%d calls)%n",
                name,
                micros[CALLS / 2],
                micros[CALLS * 9 / 10],
                micros[CALLS * 99 / 100],
                CALLS);
    }
}
