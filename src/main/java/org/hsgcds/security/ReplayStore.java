package org.hsgcds.security;

import java.time.Instant;

/**
 * Where the {@code jti} of every accepted client token is remembered until the token expires, so a captured token
 * cannot be sent twice. Implementations fail closed: when they cannot remember a new token (full, or unreachable)
 * the token is refused, never let through unremembered.
 */
interface ReplayStore {

    enum Result {
        FIRST_USE,
        REPLAY,
        FULL
    }

    /**
     * Remembers {@code id} until {@code forgetAfter}, or says it is already remembered.
     *
     * @throws RuntimeException when the store cannot be reached; the caller refuses the token
     */
    Result remember(String id, Instant forgetAfter, Instant now);
}
