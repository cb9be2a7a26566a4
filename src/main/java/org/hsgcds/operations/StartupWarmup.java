package org.hsgcds.operations;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Hook calls on the bundled examples for a short while as the service starts, so that the first real calls find
 * the code they run loaded and compiled: without it, the first seconds after "ready" answered a fifth of the
 * steady-state throughput with half-second tails (bench/README.md, issue 19). {@link EarlyStart} runs the calls on
 * its own thread, alongside the rest of start-up; as an {@link ApplicationRunner} this then holds back readiness
 * (and the "hsg-cds ready" line) until they are done.
 *
 * <p>Bounded: no call starts later than {@code duration} after the first, nor once the context is up and every
 * example has been answered once (on two cores a call made while the context is still starting slows it down,
 * one made after it is up only delays ready); readiness waits at most {@code duration + grace},
 * then goes ahead without the warm-up. A failing call ends the warm-up (logged by
 * exception type only) and never stops the service. The warm-up thread's log lines below WARN are left out, so
 * that its calls do not show as real ones.
 */
final class StartupWarmup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupWarmup.class);

    /** What the warm-up did. {@code failure} is an exception type, or null. */
    record Result(int calls, int cards, long millis, String failure, boolean finished) {}

    private final Duration duration;
    private final Duration grace;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stop;
    private volatile boolean contextUp;
    private volatile Result result;

    StartupWarmup(WarmupProperties properties) {
        this.duration = properties.duration();
        this.grace = properties.grace();
    }

    /** The context is up: the warm-up ends once every example has been answered once (or at its duration). */
    @Override
    public void run(ApplicationArguments args) {
        contextUp = true;
        awaitDone();
    }

    /** Asks the calls to stop: the application is not going to start. */
    void stop() {
        stop = true;
    }

    /** Waits until the calls are done, at most {@code duration + grace}; the result so far. */
    Result awaitDone() {
        long limit = duration.plus(grace).toMillis();
        try {
            if (!done.await(limit, TimeUnit.MILLISECONDS)) {
                stop = true;
                log.warn("Start-up warm-up still busy after {} ms: the service starts without waiting for it", limit);
            }
        } catch (InterruptedException e) {
            stop = true;
            Thread.currentThread().interrupt();
        }
        Result now = result;
        return now != null ? now : new Result(0, 0, limit, null, false);
    }

    /**
     * Makes the calls on the caller's thread, round-robin, until {@code duration} has passed.
     *
     * @param calls each one whole hook call (read the request, answer it, write the answer), returning how many
     *     cards it answered with
     */
    void work(List<Callable<Integer>> calls) {
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        int count = 0;
        int cards = 0;
        String failure = null;
        try (AutoCloseable quiet = quietLogsOnThisThread()) {
            while (!stop && !calls.isEmpty() && System.nanoTime() < deadline && !(contextUp && count >= calls.size())) {
                cards += calls.get(count % calls.size()).call();
                count++;
            }
        } catch (Exception | LinkageError e) {
            failure = e.getClass().getSimpleName();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        result = new Result(count, cards, millis, failure, failure == null);
        if (failure != null) {
            log.warn(
                    "Start-up warm-up stopped after {} hook calls ({} ms): {}; the service starts without it",
                    count,
                    millis,
                    failure);
        } else {
            log.info("Start-up warm-up: {} hook calls on {} bundled examples in {} ms", count, calls.size(), millis);
        }
        done.countDown();
    }

    /** Leaves out this thread's log lines below WARN (the hook path's INFO line per answered call) while open. */
    private static AutoCloseable quietLogsOnThisThread() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return () -> {};
        }
        Thread warmup = Thread.currentThread();
        TurboFilter filter = new TurboFilter() {
            @Override
            public FilterReply decide(
                    Marker marker,
                    ch.qos.logback.classic.Logger logger,
                    Level level,
                    String format,
                    Object[] params,
                    Throwable t) {
                return Thread.currentThread() == warmup && level != null && !level.isGreaterOrEqual(Level.WARN)
                        ? FilterReply.DENY
                        : FilterReply.NEUTRAL;
            }
        };
        filter.start();
        context.addTurboFilter(filter);
        return () -> context.getTurboFilterList().remove(filter);
    }
}
