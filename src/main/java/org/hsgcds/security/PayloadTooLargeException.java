package org.hsgcds.security;

/** A request body over {@code hsg.security.max-body-size}, announced or streamed. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("The request body exceeds " + limit + " bytes", null, false, false);
    }
}
