package org.hsgcds.security;

/** A request body over {@code hsg.security.max-body-size} (or a smaller limit of its endpoint), announced or streamed. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        this(limit, "hsg.security.max-body-size");
    }

    public PayloadTooLargeException(long limit, String setting) {
        super(
                "The request body exceeds " + limit
                        + " bytes, the limit set by " + setting + ": raise it to accept "
                        + (setting.startsWith("hsg.security")
                                ? "larger records (the prefetch templates already ask only for what the rules read)"
                                : "larger bodies here"),
                null,
                false,
                false);
    }
}
