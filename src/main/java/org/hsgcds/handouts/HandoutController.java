package org.hsgcds.handouts;

import org.hsgcds.content.ContentHolder;
import org.hsgcds.hooks.HookRequestException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves the printable patient handouts that preparation and aftercare cards link to. */
@RestController
class HandoutController {

    private final ContentHolder content;

    HandoutController(ContentHolder content) {
        this.content = content;
    }

    @GetMapping(path = "/handouts/{name:[a-z0-9-]+\\.html}")
    ResponseEntity<String> handout(@PathVariable("name") String name) {
        String html = content.content().handout(name)
                .orElseThrow(() -> new HookRequestException(HttpStatus.NOT_FOUND, "not_found", "No handout named " + name));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
                .body(html);
    }
}
