package org.hsgcds.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.hsgcds.web.ApiRequestException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The workbench page at {@code /}; its policy (own scripts and styles only) is set by the security headers filter. */
@RestController
class WorkbenchPageController {

    private final WorkbenchMode mode;
    private final String page;

    WorkbenchPageController(WorkbenchMode mode) {
        this.mode = mode;
        try (InputStream in = new ClassPathResource("workbench/index.html").getInputStream()) {
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The workbench page is missing from the classpath", e);
        }
    }

    @GetMapping(path = "/")
    ResponseEntity<String> page() {
        if (mode == WorkbenchMode.OFF) {
            throw new ApiRequestException(HttpStatus.NOT_FOUND, "not_found", "No such endpoint");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(page);
    }
}
