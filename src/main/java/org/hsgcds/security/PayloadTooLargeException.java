package org.hsgcds.security;

/** A request body over {@code hsg.security.max-body-size}, announced or streamed. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super(
                "The request body exceeds " + limit
                        + " bytes, the limit set by hsg.security.max-body-size: raise it to accept "
                        + "larger records (the prefetch templates already ask only for what the rules read)",
                null,
                false,
                false);
    }
}
