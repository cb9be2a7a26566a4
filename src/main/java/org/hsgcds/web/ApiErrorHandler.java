package org.hsgcds.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.hsgcds.content.ContentException;
import org.hsgcds.orchestration.HookCallException;
import org.hsgcds.prefetch.PrefetchRequiredException;
import org.hsgcds.security.ClientAuthenticationException;
import org.hsgcds.security.PayloadTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where failures become HTTP statuses. The core throws exceptions that say what went wrong
 * ({@link HookCallException}, {@link PrefetchRequiredException}); this class alone decides the status. Bodies never
 * carry stack traces or request data.
 */
@RestControllerAdvice
class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);
    private static final String PREFETCH_REQUIRED = "prefetch_required";

    @ExceptionHandler(ApiRequestException.class)
    ResponseEntity<ApiError> hookRequest(ApiRequestException e) {
        log.info("Rejected hook call: {} {}", e.status().value(), e.error());
        return body(e.status(), e.error(), e.getMessage());
    }

    @ExceptionHandler(HookCallException.class)
    ResponseEntity<ApiError> hookCall(HookCallException e) {
        HttpStatus status = statusOf(e);
        log.info("Rejected hook call: {} {}", status.value(), e.problem().code());
        return body(status, e.problem().code(), e.getMessage());
    }

    @ExceptionHandler(PrefetchRequiredException.class)
    ResponseEntity<ApiError> prefetchRequired(PrefetchRequiredException e) {
        log.info("Rejected hook call: {} {}", HttpStatus.PRECONDITION_FAILED.value(), PREFETCH_REQUIRED);
        return body(HttpStatus.PRECONDITION_FAILED, PREFETCH_REQUIRED, e.getMessage());
    }

    /** The status a failure of a hook call is answered with (for the call metrics): as the handlers here choose. */
    static HttpStatus statusOf(Throwable e) {
        if (e instanceof HookCallException call) {
            return switch (call.problem()) {
                case INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
                case UNKNOWN_SERVICE -> HttpStatus.NOT_FOUND;
            };
        }
        if (e instanceof PrefetchRequiredException) {
            return HttpStatus.PRECONDITION_FAILED;
        }
        if (e instanceof ApiRequestException request) {
            return request.status();
        }
        if (e instanceof org.hsgcds.orchestration.SlotsBusyException
                || e instanceof org.hsgcds.orchestration.CallAbandonedException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    /** The reason was logged where the token was checked; the caller learns nothing more than this. */
    @ExceptionHandler(ClientAuthenticationException.class)
    ResponseEntity<ApiError> unauthorized(ClientAuthenticationException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(401, "unauthorized", "unauthorized"));
    }

    @ExceptionHandler(org.hsgcds.security.BodyTooSlowException.class)
    ResponseEntity<ApiError> tooSlow(org.hsgcds.security.BodyTooSlowException e) {
        return body(HttpStatus.REQUEST_TIMEOUT, "request_timeout", e.getMessage());
    }

    /** #29: every CPU slot stayed busy beyond the wait the endpoint allows; nothing was evaluated or rendered. */
    @ExceptionHandler(org.hsgcds.orchestration.SlotsBusyException.class)
    ResponseEntity<ApiError> slotsBusy(org.hsgcds.orchestration.SlotsBusyException e) {
        log.info("Refused a call: 503 busy (no evaluation slot came free in time)");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(org.springframework.http.HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(HttpStatus.SERVICE_UNAVAILABLE.value(), "busy", e.getMessage()));
    }

    /** #29: the client went away before its call was evaluated; nothing was evaluated or recorded. */
    @ExceptionHandler(org.hsgcds.orchestration.CallAbandonedException.class)
    ResponseEntity<ApiError> abandoned(org.hsgcds.orchestration.CallAbandonedException e) {
        log.debug("Skipped a call whose client went away before it was evaluated");
        return body(HttpStatus.SERVICE_UNAVAILABLE, "client_gone", e.getMessage());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(PayloadTooLargeException e) {
        return body(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        String where = "";
        if (e.getCause() instanceof JsonProcessingException json && json.getLocation() != null) {
            JsonLocation location = json.getLocation();
            where = " near line " + location.getLineNr() + ", column " + location.getColumnNr();
        }
        return body(
                HttpStatus.BAD_REQUEST,
                "malformed_json",
                "The request body is not valid JSON for a CDS Hooks request" + where);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send the request as application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return body(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "This service answers in application/json");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return body(
                HttpStatus.METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "Method " + e.getMethod() + " is not allowed here");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, "not_found", "No such endpoint");
    }

    /** Content that failed to load on reload: the running content stays; the message names the file and problem. */
    @ExceptionHandler(ContentException.class)
    ResponseEntity<ApiError> content(ContentException e) {
        return body(HttpStatus.UNPROCESSABLE_ENTITY, "content_invalid", e.getMessage());
    }

    /**
     * The client went away before the answer was written (it timed out, or closed the connection): there is no one
     * to answer, and nothing failed here, so no ERROR line and no body. Every load-test run ended with a dozen.
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("The client closed the connection before the answer was written");
    }

    /**
     * The heap ran out while answering (Spring hands the error over wrapped in a ServletException, which
     * was all the log used to say). Logged by name so an operator sees it; the call is answered 503, and
     * the next one may well succeed once this one's objects are collected.
     */
    @ExceptionHandler(OutOfMemoryError.class)
    ResponseEntity<ApiError> outOfMemory(OutOfMemoryError e) {
        log.error("OutOfMemoryError answering a request; the call is refused with 503");
        return body(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "The service ran out of memory for this request");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("Unexpected failure answering a request: {}", e.getClass().getSimpleName());
        // Messages can quote request data (patient records), so the trace is only logged at debug level.
        log.debug("Unexpected failure", e);
        return body(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal_error",
                "The service failed to answer; no decision was made");
    }

    private static ResponseEntity<ApiError> body(HttpStatus status, String error, String message) {
        // JSON whatever the Accept header says: without a preset type, an error for "Accept: text/html" fails to
        // render.
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(status.value(), error, message));
    }
}
