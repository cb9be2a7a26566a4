package org.hsgcds.orchestration;

import java.util.concurrent.Semaphore;
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
