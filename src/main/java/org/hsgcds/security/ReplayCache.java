package org.hsgcds.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers the {@code jti} of every accepted token until the token expires, so a captured token
 * cannot be sent twice. Bounded: expired entries are dropped when it fills, and when it is still
 * full new tokens are refused (fail closed) rather than old ones forgotten.
 */
final class ReplayCache {

    enum Result {
        FIRST_USE,
        REPLAY,
        FULL
    }

    private final int capacity;
    private final Map<String, Instant> seen = new HashMap<>();

    ReplayCache(int capacity) {
        this.capacity = capacity;
    }

    synchronized Result remember(String id, Instant forgetAfter, Instant now) {
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
