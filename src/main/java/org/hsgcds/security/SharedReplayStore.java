package org.hsgcds.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link ReplayStore} every replica shares: one row per accepted token in {@code client_token_use}, in the
 * database the replicas already share for feedback (embedded H2 for one replica, PostgreSQL for several). The
 * primary key makes "first use" atomic across replicas: of two replicas given the same token at once, one insert
 * wins and the other is a replay.
 *
 * <p>Rows hold a SHA-256 of issuer and {@code jti}, never the token. Expired rows are deleted by a sweep at most
 * every {@link #SWEEP_EVERY}, off the calling thread. Bounded: the store counts the rows found by the last sweep
 * plus those this replica inserted since; at {@code capacity} it sweeps at once, and when still full it refuses new
 * tokens (fail closed) rather than forget unexpired ones. Other replicas' inserts since the last sweep are not in
 * that count, so the table can pass {@code capacity} by what the other replicas accept in one sweep interval.
 */
final class SharedReplayStore implements ReplayStore, AutoCloseable {

    static final Duration SWEEP_EVERY = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(SharedReplayStore.class);

    private final JdbcClient jdbc;
    private final int capacity;
    private final ExecutorService sweeper;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

    /** Sweeps run on one daemon thread of this store: a hook call never waits for one unless the store is full. */
    SharedReplayStore(JdbcClient jdbc, int capacity) {
        this.jdbc = jdbc;
        this.capacity = capacity;
        this.sweeper = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "replay-store-sweep");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    @Override
    public Result remember(String id, Instant forgetAfter, Instant now) {
        if (rows.get() >= capacity) {
            sweep(now);
            if (rows.get() >= capacity) {
                return Result.FULL;
            }
        } else {
            sweepIfDue(now);
        }
        String key = key(id);
        if (insert(key, forgetAfter)) {
            return Result.FIRST_USE;
        }
        // The key is there: a replay, unless its row has expired and not been swept yet (the same jti again, after
        // the first token's expiry). The condition on expires_at keeps this atomic: of two such calls one updates.
        int reused = jdbc.sql("UPDATE client_token_use SET expires_at = :expires WHERE token_key = :key"
                        + " AND expires_at < :now")
                .param("expires", forgetAfter.atOffset(ZoneOffset.UTC))
                .param("key", key)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        if (reused == 1) {
            return Result.FIRST_USE;
        }
        // Nothing updated: the row is unexpired (a replay), or a sweep deleted the expired row in between.
        return insert(key, forgetAfter) ? Result.FIRST_USE : Result.REPLAY;
    }

    private boolean insert(String key, Instant forgetAfter) {
        int inserted = jdbc.sql("INSERT INTO client_token_use (token_key, expires_at) VALUES (:key, :expires)"
                        + " ON CONFLICT DO NOTHING")
                .param("key", key)
                .param("expires", forgetAfter.atOffset(ZoneOffset.UTC))
                .update();
        if (inserted == 1) {
            rows.incrementAndGet();
        }
        return inserted == 1;
    }

    private void sweepIfDue(Instant now) {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_EVERY))) {
            return;
        }
        try {
            sweeper.execute(() -> {
                try {
                    sweep(now);
                } catch (RuntimeException e) {
                    log.warn(
                            "Sweeping expired client token ids failed: {}",
                            e.getClass().getSimpleName());
                }
            });
        } catch (RuntimeException e) {
            log.warn(
                    "Sweeping expired client token ids could not start: {}",
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Deletes expired rows and counts the rest; one sweep at a time, a caller arriving meanwhile waits and sweeps
     * again (a full store must not refuse a token only because the background sweep was still running).
     */
    synchronized void sweep(Instant now) {
        jdbc.sql("DELETE FROM client_token_use WHERE expires_at < :now")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        rows.set(jdbc.sql("SELECT COUNT(*) FROM client_token_use")
                .query(Long.class)
                .single());
        nextSweep.set(now.plus(SWEEP_EVERY));
    }

    /** Rows counted at the last sweep plus this replica's inserts since. */
    long rows() {
        return rows.get();
    }

    static String key(String id) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
