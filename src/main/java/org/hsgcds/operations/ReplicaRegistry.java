package org.hsgcds.operations;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hsgcds.content.ContentHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The replicas running on the shared database, each with the content version it answers with: every replica
 * refreshes its own {@code service_replica} row every {@link #HEARTBEAT}; a row not refreshed for {@link #GONE_AFTER}
 * belongs to a replica that is gone (killed, or its host lost). {@code POST /admin/reload} asks it whether other
 * replicas are running ({@link #others()}), and {@code /actuator/info} shows them all, so content that differs
 * between replicas (during a rolling restart, or after a reload) is visible from any one of them.
 */
@Component
class ReplicaRegistry {

    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    static final Duration GONE_AFTER = HEARTBEAT.multipliedBy(3);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(ReplicaRegistry.class);

    /** One replica's row. */
    record Replica(String id, String contentVersion, Instant startedAt, Instant lastSeen) {}

    private final JdbcClient jdbc;
    private final ContentHolder content;
    private final Clock clock;
    private final String id;
    private final Instant startedAt;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "replica-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    ReplicaRegistry(JdbcClient jdbc, ContentHolder content) {
        this(jdbc, content, Clock.systemUTC(), defaultId());
    }

    ReplicaRegistry(JdbcClient jdbc, ContentHolder content, Clock clock, String id) {
        this.jdbc = jdbc;
        this.content = content;
        this.clock = clock;
        this.id = id;
        this.startedAt = clock.instant();
        beat();
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The pod or host name ({@code HOSTNAME}, as Kubernetes sets it) and a random suffix: unique per process. */
    private static String defaultId() {
        String host = System.getenv("HOSTNAME");
        String name = host == null || host.isBlank() ? "replica" : host.trim();
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        byte[] suffix = new byte[4];
        ThreadLocalRandom.current().nextBytes(suffix);
        return name.toLowerCase(Locale.ROOT) + "-" + HexFormat.of().formatHex(suffix);
    }

    String id() {
        return id;
    }

    /** Refreshes this replica's row with the content version in force now. A failure is logged once, not thrown. */
    void beat() {
        try {
            OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
            String version = content.content().version();
            int updated = jdbc.sql("UPDATE service_replica SET content_version = :version, last_seen = :now"
                            + " WHERE replica_id = :id")
                    .param("version", version)
                    .param("now", now)
                    .param("id", id)
                    .update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO service_replica (replica_id, content_version, started_at, last_seen)"
                                + " VALUES (:id, :version, :started, :now) ON CONFLICT DO NOTHING")
                        .param("id", id)
                        .param("version", version)
                        .param("started", startedAt.atOffset(ZoneOffset.UTC))
                        .param("now", now)
                        .update();
            }
            jdbc.sql("DELETE FROM service_replica WHERE last_seen < :forget")
                    .param("forget", now.minus(FORGET_AFTER))
                    .update();
            if (failing.compareAndSet(true, false)) {
                log.info("Replica {} is registered in the database again", id);
            }
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                log.warn(
                        "Replica {} cannot register in the database ({}); other replicas will not see it",
                        id,
                        e.getClass().getSimpleName());
            }
        }
    }

    /** Every replica seen within {@link #GONE_AFTER}, this one included, oldest first. */
    List<Replica> live() {
        OffsetDateTime since = clock.instant().minus(GONE_AFTER).atOffset(ZoneOffset.UTC);
        return jdbc.sql("SELECT replica_id, content_version, started_at, last_seen FROM service_replica"
                        + " WHERE last_seen >= :since ORDER BY started_at, replica_id")
                .param("since", since)
                .query((row, n) -> new Replica(
                        row.getString(1),
                        row.getString(2),
                        row.getObject(3, OffsetDateTime.class).toInstant(),
                        row.getObject(4, OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * The other replicas seen within {@link #GONE_AFTER}.
     *
     * @throws RuntimeException when the database cannot be read
     */
    List<Replica> others() {
        return live().stream().filter(r -> !r.id().equals(id)).toList();
    }

    /** A stopping replica takes its row with it, so a reload right after a scale-down is not refused for it. */
    @PreDestroy
    void leave() {
        heartbeat.shutdownNow();
        try {
            jdbc.sql("DELETE FROM service_replica WHERE replica_id = :id")
                    .param("id", id)
                    .update();
        } catch (RuntimeException e) {
            log.debug(
                    "Could not remove replica {} from the database: {}",
                    id,
                    e.getClass().getSimpleName());
        }
    }
}
