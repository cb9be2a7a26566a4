package org.hsgcds.security;

/** A request body still arriving after {@code hsg.security.body-read-timeout}: the client is answered 408. */
public class BodyTooSlowException extends RuntimeException {

    public BodyTooSlowException(java.time.Duration timeout) {
        super(
                "The request body took longer than " + timeout.toSeconds()
                        + " s to arrive (hsg.security.body-read-timeout)",
                null,
                false,
                false);
    }
}
