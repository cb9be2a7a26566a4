package org.hsgcds.web;

import org.springframework.http.HttpStatus;

/**
 * A request to one of the web-facing endpoints (feedback, analytics, workbench, admin, handouts) that cannot be
 * answered; the status and message go back to the caller. The hook path itself throws its own exceptions
 * ({@code orchestration.HookCallException}, {@code prefetch.PrefetchRequiredException}), which {@link ApiErrorHandler} maps.
 */
public class ApiRequestException extends RuntimeException {

    private final HttpStatus status;
    private final String error;

    public ApiRequestException(HttpStatus status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public static ApiRequestException badRequest(String message) {
        return new ApiRequestException(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }

    public static ApiRequestException unknownService(String id) {
        String shown = id.length() > 64 ? id.substring(0, 64) + "…" : id;
        return new ApiRequestException(
                HttpStatus.NOT_FOUND, "unknown_service", "No CDS service with id '" + shown + "'");
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }
}
