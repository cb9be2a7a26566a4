package org.hsgcds.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link ReplayStore} in this JVM's memory: protects one process only, so it serves tests and benchmarks; the
 * service uses {@link SharedReplayStore}, which every replica sees. Bounded: expired entries are dropped when it
 * fills, and when it is still full new tokens are refused (fail closed) rather than old ones forgotten.
 */
final class ReplayCache implements ReplayStore {

    private final int capacity;
    private final Map<String, Instant> seen = new HashMap<>();

    ReplayCache(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized Result remember(String id, Instant forgetAfter, Instant now) {
        Instant previous = seen.get(id);
        if (previous != null && !previous.isBefore(now)) {
            return Result.REPLAY;
        }
        if (seen.size() >= capacity) {
            seen.values().removeIf(expiry -> expiry.isBefore(now));
            if (seen.size() >= capacity) {
                return Result.FULL;
            }
        }
        seen.put(id, forgetAfter);
        return Result.FIRST_USE;
    }
}
