package org.hsgcds.handouts;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.web.HookRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves the printable patient handouts that preparation and aftercare cards link to. */
@RestController
class HandoutController {

    // The page has its own inline style and print button; nothing else may load.
    static final String POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors 'none'";

    private final ContentHolder content;

    HandoutController(ContentHolder content) {
        this.content = content;
    }

    @GetMapping(path = "/handouts/{name:[a-z0-9-]+\\.html}")
    ResponseEntity<String> handout(@PathVariable("name") String name, HttpServletResponse response) {
        String html = content.content()
                .handout(name)
                .orElseThrow(
                        () -> new HookRequestException(HttpStatus.NOT_FOUND, "not_found", "No handout named " + name));
        // Replaces the API-wide policy set by the security filter (two policies would both apply).
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("Cache-Control", "no-cache");
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(html);
    }
}
