package org.hsgcds.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.hsgcds.cdshooks.CdsResponse;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.hsgcds.orchestration.HookMetrics;
import org.hsgcds.orchestration.HookService;
import org.hsgcds.orchestration.ServiceDiscovery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CDS Hooks 2.0 endpoints: discovery and hook calls. Each call is timed here, tagged with the status it is
 * answered with, which only this layer knows ({@link ApiErrorHandler#statusOf}).
 */
@RestController
@RequestMapping(path = "/cds-services", produces = MediaType.APPLICATION_JSON_VALUE)
class CdsServicesController {

    private final HookService hooks;
    private final PublicBaseUrl publicBaseUrl;
    private final HookMetrics metrics;

    CdsServicesController(HookService hooks, PublicBaseUrl publicBaseUrl, ObjectProvider<HookMetrics> metrics) {
        this.hooks = hooks;
        this.publicBaseUrl = publicBaseUrl;
        this.metrics = metrics.getIfAvailable(() -> HookMetrics.NONE);
    }

    @GetMapping
    ServiceDiscovery discovery() {
        return hooks.discovery();
    }

    @PostMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    CdsResponse call(
            @PathVariable("id") String id,
            @RequestBody(required = false) CdsServiceRequest request,
            HttpServletRequest http) {
        long started = System.nanoTime();
        int status = 500;
        try {
            CdsResponse response = hooks.answer(id, request, publicBaseUrl.resolve(), ClientPresence.of(http));
            status = 200;
            return response;
        } catch (RuntimeException e) {
            status = ApiErrorHandler.statusOf(e).value();
            throw e;
        } finally {
            metrics.hookCall(hooks.serviceTag(id), status, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
