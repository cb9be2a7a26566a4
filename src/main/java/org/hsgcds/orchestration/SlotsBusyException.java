package org.hsgcds.orchestration;

import java.time.Duration;

/** No CPU slot came free within the wait the caller allows (#29): the work is not done; the web layer answers 503. */
public final class SlotsBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SlotsBusyException(Duration waited) {
        super("Every evaluation slot stayed busy for " + waited.toMillis() + " ms; try again shortly");
    }
}
