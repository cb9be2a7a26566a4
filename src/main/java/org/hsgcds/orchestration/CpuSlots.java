package org.hsgcds.orchestration;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Admission for the CPU-bound part of a hook call (reading prefetch, evaluating, building cards).
 * With more calls than cores working at once the scheduler slices them all, so every call takes as
 * long as the slowest; with one call per core and a first-come-first-served queue, each finishes in
 * about its own work plus its wait, which keeps the tail latency close to the median. Waiting for the
 * EHR's FHIR server is not CPU work, so a call gives its slot back for that ({@link #outside}).
 *
 * <p>The queue keeps its order while a waiter checks, every 100 ms, whether its client is still there: a waiter
 * leaves it only when it gives up. (Polling a fair semaphore with short time-outs does not: each time-out sends the
 * waiter to the back, so the calls that had waited longest waited longer still; at 32 connections the heavy test
 * patient's p99 was 1.9 s against a p50 of 0.35 s, with time-outs at the client.)
 */
public final class CpuSlots {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Condition> queue = new ArrayDeque<>();
    private final ThreadLocal<Boolean> held = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private int free;

    public CpuSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("at least one slot is needed, got " + slots);
        }
        this.free = slots;
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
        acquire(null, () -> true);
        return taken();
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
     * {@code stillWanted} says the caller has gone, checked while waiting (every 100 ms, keeping its place in the
     * queue) and once more when the slot is had: work for a caller that hung up is not started.
     */
    public Held hold(Duration maxWait, BooleanSupplier stillWanted) {
        if (held.get()) {
            return () -> {};
        }
        acquire(maxWait, stillWanted);
        if (!stillWanted.getAsBoolean()) {
            release();
            throw new CallAbandonedException();
        }
        return taken();
    }

    /**
     * Waits at the back of the queue until this waiter is at its head and a slot is free, then takes the slot.
     * {@code maxWait} null: no deadline (and no interruption: the caller's hold is unconditional).
     */
    private void acquire(Duration maxWait, BooleanSupplier stillWanted) {
        if (maxWait != null && !stillWanted.getAsBoolean()) {
            throw new CallAbandonedException();
        }
        long deadline = maxWait == null ? Long.MAX_VALUE : System.nanoTime() + maxWait.toNanos();
        lock.lock();
        try {
            if (queue.isEmpty() && free > 0) {
                free--;
                return;
            }
            Condition turn = lock.newCondition();
            queue.addLast(turn);
            try {
                while (queue.peekFirst() != turn || free == 0) {
                    if (maxWait != null) {
                        if (!stillWanted.getAsBoolean()) {
                            throw new CallAbandonedException();
                        }
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new SlotsBusyException(maxWait);
                        }
                        awaitTurn(turn, Math.min(left, POLL_NANOS));
                    } else {
                        turn.awaitUninterruptibly();
                    }
                }
                free--;
            } finally {
                boolean wasHead = queue.peekFirst() == turn;
                queue.remove(turn);
                if (wasHead) {
                    wakeHead();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static void awaitTurn(Condition turn, long nanos) {
        try {
            turn.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallAbandonedException();
        }
    }

    private void release() {
        lock.lock();
        try {
            free++;
            wakeHead();
        } finally {
            lock.unlock();
        }
    }

    /** Lock held: tells the first waiter to look again (a slot came free, or it became first). */
    private void wakeHead() {
        Condition head = queue.peekFirst();
        if (head != null && free > 0) {
            head.signal();
        }
    }

    private Held taken() {
        held.set(Boolean.TRUE);
        return () -> {
            held.set(Boolean.FALSE);
            release();
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
        release();
        try {
            return blocking.get();
        } finally {
            acquire(null, () -> true);
            held.set(Boolean.TRUE);
        }
    }

    /** Free slots now (for tests and diagnostics). */
    public int available() {
        lock.lock();
        try {
            return free;
        } finally {
            lock.unlock();
        }
    }
}
