package org.hsgcds.hooks;

import org.springframework.http.HttpStatus;

/** A hook call that cannot be answered with cards; the status and message go back to the caller. */
public class HookRequestException extends RuntimeException {

    private final HttpStatus status;
    private final String error;

    public HookRequestException(HttpStatus status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public static HookRequestException badRequest(String message) {
        return new HookRequestException(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }

    public static HookRequestException unknownService(String id) {
        String shown = id.length() > 64 ? id.substring(0, 64) + "…" : id;
        return new HookRequestException(HttpStatus.NOT_FOUND, "unknown_service", "No CDS service with id '" + shown + "'");
    }

    public static HookRequestException prefetchRequired(String message) {
        return new HookRequestException(HttpStatus.PRECONDITION_FAILED, "prefetch_required", message);
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }
}
