package org.hsgcds.feedback;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hsgcds.cdshooks.Card;
import org.hsgcds.orchestration.IssuedCardsListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Remembers each card issued (uuid, service, topic, indicator, hookInstance, time; nothing about the
 * patient) so feedback can be tied to the topic that produced it. The hook call only queues the rows;
 * one writer thread stores them in batches, so a slow or unreachable database never slows or fails a
 * hook call. Feedback waits for the queue to drain ({@link #flush}) before it looks cards up. When the
 * queue is full (the database far behind) rows are dropped and counted: feedback on those cards is
 * then flagged as unknown, which is the documented degradation.
 */
@Component
class IssuedCardRecorder implements IssuedCardsListener, InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IssuedCardRecorder.class);
    private static final String INSERT = """
            INSERT INTO issued_card (card_uuid, service_id, topic, indicator, hook_instance, issued_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final int QUEUE_CAPACITY = 50_000;
    private static final int BATCH = 500;
    private static final long GATHER_MILLIS = 20;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Object progress = new Object();
    private final Thread writer;
    private volatile boolean running = true;

    IssuedCardRecorder(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.writer = new Thread(this::writeLoop, "issued-card-writer");
        this.writer.setDaemon(true);
    }

    /** Starts the writer once the recorder is fully built (a thread started in the constructor could see it half-made). */
    @Override
    public void afterPropertiesSet() {
        writer.start();
    }

    @Override
    public void issued(String serviceId, String hookInstance, List<Card> cards) {
        SqlParameterValue now = new SqlParameterValue(
                Types.TIMESTAMP_WITH_TIMEZONE, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        for (Card card : cards) {
            Object[] row = {
                card.uuid(), serviceId, topic(card), card.indicator().code(), hookInstance, now
            };
            if (queue.offer(row)) {
                queued.incrementAndGet();
            } else if (dropped.incrementAndGet() % 1000 == 1) {
                log.warn(
                        "Issued-card queue full: {} card record(s) dropped so far; feedback on them will be flagged as unknown",
                        dropped.get());
            }
        }
    }

    /** Waits (at most {@code max}) until every card queued before this call has been written or given up on. */
    void flush(Duration max) {
        long target = queued.get();
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (progress) {
            while (processed.get() < target && System.nanoTime() < deadline) {
                try {
                    progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void writeLoop() {
        List<Object[]> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Object[] first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // A short pause gathers the cards of concurrent calls into one batch: one commit, not dozens.
                Thread.sleep(GATHER_MILLIS);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
                    write(batch);
                    return;
                }
            } catch (OutOfMemoryError e) {
                // A hook call elsewhere exhausted the heap: this batch is lost, the writer is not (it used to
                // die here, and every issued card after it went unrecorded).
                log.error("OutOfMemoryError while recording {} issued card(s); they are not recorded", batch.size());
            } finally {
                processed.addAndGet(batch.size());
                batch.clear();
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        }
    }

    private void write(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            jdbc.batchUpdate(INSERT, rows);
        } catch (RuntimeException e) {
            log.warn(
                    "Could not record {} issued card(s) ({}); feedback on them will be flagged as unknown",
                    rows.size(),
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        writer.interrupt();
        writer.join(5_000);
    }

    private static String topic(Card card) {
        return card.source() != null && card.source().topic() != null
                ? card.source().topic().code()
                : "unknown";
    }
}
