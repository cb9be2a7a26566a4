package org.hsgcds.orchestration;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Admission for the CPU-bound part of a hook call (reading prefetch, evaluating, building cards).
 * With more calls than cores working at once the scheduler slices them all, so every call takes as
 * long as the slowest; with one call per core and a first-come-first-served queue, each finishes in
 * about its own work plus its wait, which keeps the tail latency close to the median. Waiting for the
 * EHR's FHIR server is not CPU work, so a call gives its slot back for that ({@link #outside}).
 */
public final class CpuSlots {

    private final Semaphore permits;
    private final ThreadLocal<Boolean> held = ThreadLocal.withInitial(() -> Boolean.FALSE);

    public CpuSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("at least one slot is needed, got " + slots);
        }
        this.permits = new Semaphore(slots, true);
    }

    /** One slot per available processor. */
    public static CpuSlots perProcessor() {
        return new CpuSlots(Runtime.getRuntime().availableProcessors());
    }

    /** Runs CPU-bound work in a slot, waiting for one in arrival order. Re-entrant on the same thread. */
    public <T> T run(Supplier<T> work) {
        try (Held ignored = hold()) {
            return work.get();
        }
    }

    /**
     * Takes a slot, waiting in arrival order, until the returned hold is closed; for work that throws
     * checked exceptions. Re-entrant: on a thread that already holds one, closing it gives nothing back.
     */
    public Held hold() {
        if (held.get()) {
            return () -> {};
        }
        permits.acquireUninterruptibly();
        held.set(Boolean.TRUE);
        return () -> {
            held.set(Boolean.FALSE);
            permits.release();
        };
    }

    /**
     * Takes a slot, waiting in arrival order at most {@code maxWait}, for work whose caller will not wait for
     * ever (a client with a time-out, a browser). Throws {@link SlotsBusyException} when no slot came free in
     * time. Re-entrant like {@link #hold()}.
     */
    public Held hold(Duration maxWait) {
        return hold(maxWait, () -> true);
    }

    /**
     * Like {@link #hold(Duration)}, and gives up as well (throwing {@link CallAbandonedException}) when
     * {@code stillWanted} says the caller has gone, checked while waiting (every 100 ms) and once more when
     * the slot is had: work for a caller that hung up is not started.
     */
    public Held hold(Duration maxWait, BooleanSupplier stillWanted) {
        if (held.get()) {
            return () -> {};
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        boolean acquired = false;
        try {
            while (!acquired) {
                if (!stillWanted.getAsBoolean()) {
                    throw new CallAbandonedException();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SlotsBusyException(maxWait);
                }
                acquired = permits.tryAcquire(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallAbandonedException();
        }
        if (!stillWanted.getAsBoolean()) {
            permits.release();
            throw new CallAbandonedException();
        }
        held.set(Boolean.TRUE);
        return () -> {
            held.set(Boolean.FALSE);
            permits.release();
        };
    }

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** A slot taken by {@link #hold()}; closing it gives the slot back. */
    @FunctionalInterface
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Runs blocking work (network I/O) without the caller's slot, if it holds one, and takes a slot back after. */
    public <T> T outside(Supplier<T> blocking) {
        if (!held.get()) {
            return blocking.get();
        }
        held.set(Boolean.FALSE);
        permits.release();
        try {
            return blocking.get();
        } finally {
            permits.acquireUninterruptibly();
            held.set(Boolean.TRUE);
        }
    }

    /** Free slots now (for tests and diagnostics). */
    public int available() {
        return permits.availablePermits();
    }
}
