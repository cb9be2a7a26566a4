package org.hsgcds.prefetch;

import java.time.Duration;

/** The moment by which all fetching for one hook call must be done. */
record Deadline(long atNanos) {

    static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    long remainingNanos() {
        return atNanos - System.nanoTime();
    }

    boolean passed() {
        return remainingNanos() <= 0;
    }
}
