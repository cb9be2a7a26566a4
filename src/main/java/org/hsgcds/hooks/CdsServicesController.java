package org.hsgcds.hooks;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The CDS Hooks 2.0 endpoints: discovery and hook calls. */
@RestController
@RequestMapping(path = "/cds-services", produces = MediaType.APPLICATION_JSON_VALUE)
class CdsServicesController {

    private final HookService hooks;
    private final PublicBaseUrl publicBaseUrl;

    CdsServicesController(HookService hooks, PublicBaseUrl publicBaseUrl) {
        this.hooks = hooks;
        this.publicBaseUrl = publicBaseUrl;
    }

    @GetMapping
    ServiceDiscovery discovery() {
        return hooks.discovery();
    }

    @PostMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    CdsResponse call(@PathVariable("id") String id, @RequestBody(required = false) CdsServiceRequest request) {
        return hooks.answer(id, request, publicBaseUrl.resolve());
    }
}
