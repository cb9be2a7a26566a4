package org.hsgcds.handouts;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.web.ApiRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves the printable patient handouts that preparation and aftercare cards link to, filled from the site
 * protocol in force: {@code {{protocol.<key>}}} in a handout becomes that key's value, HTML-escaped (the cycle
 * window the patient is told is the one the rules check, and the clinic contact is the site's).
 */
@RestController
class HandoutController {

    // The page has its own inline style and print button; nothing else may load.
    static final String POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; frame-ancestors 'none'";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(protocol\\.[A-Za-z]+)\\s*}}");

    private final ContentHolder content;

    HandoutController(ContentHolder content) {
        this.content = content;
    }

    @GetMapping(path = "/handouts/{name:[a-z0-9-]+\\.html}")
    ResponseEntity<String> handout(@PathVariable("name") String name, HttpServletResponse response) {
        CompiledContent current = content.content();
        String html = current.handout(name)
                .orElseThrow(
                        () -> new ApiRequestException(HttpStatus.NOT_FOUND, "not_found", "No handout named " + name));
        // Replaces the API-wide policy set by the security filter (two policies would both apply).
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("Cache-Control", "no-cache");
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(fill(html, current.protocol().cardValues()));
    }

    /** Known placeholders filled and escaped; an unknown one is left as written, so a test can see it. */
    static String fill(String html, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(html);
        StringBuilder filled = new StringBuilder(html.length() + 256);
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            placeholder.appendReplacement(
                    filled,
                    Matcher.quoteReplacement(
                            value == null ? placeholder.group() : HtmlUtils.htmlEscape(value, "UTF-8")));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }
}
