package org.hsgcds.operations;

import org.hsgcds.content.ContentException;
import org.hsgcds.web.ApiError;
import org.hsgcds.web.ApiRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code POST /actuator/reload} on the management port, body {@code {"token": "<hsg.admin.token>"}}: the operator's
 * way to reload when trusted issuers are configured, since operators hold no client JWT signed by an EHR and the
 * management port checks none. Same checks and answers as {@code POST /admin/reload} on the service port ({@link
 * AdminReload}), error bodies in the same {@link ApiError} shape.
 */
@Component
@WebEndpoint(id = "reload")
class ReloadEndpoint {

    private static final Logger log = LoggerFactory.getLogger(ReloadEndpoint.class);

    private final AdminReload reload;

    ReloadEndpoint(AdminReload reload) {
        this.reload = reload;
    }

    @WriteOperation
    WebEndpointResponse<Object> reload(@Nullable String token) {
        try {
            return new WebEndpointResponse<>(reload.reload(token), WebEndpointResponse.STATUS_OK);
        } catch (ApiRequestException e) {
            log.info("Refused reload on the management port: {} {}", e.status().value(), e.error());
            return error(e.status(), e.error(), e.getMessage());
        } catch (ContentException e) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "content_invalid", e.getMessage());
        }
    }

    private static WebEndpointResponse<Object> error(HttpStatus status, String error, String message) {
        return new WebEndpointResponse<>(new ApiError(status.value(), error, message), status.value());
    }
}
