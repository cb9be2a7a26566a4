package org.hsgcds.content;

/** Content (CQL, value sets, card definitions) that cannot be loaded; stops start-up. */
public class ContentException extends RuntimeException {
    public ContentException(String message) {
        super(message);
    }

    public ContentException(String message, Throwable cause) {
        super(message, cause);
    }
}
