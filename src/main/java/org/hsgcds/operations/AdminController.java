package org.hsgcds.operations;

import org.hsgcds.content.ContentException;
import org.hsgcds.content.ContentHolder;
import org.hsgcds.content.ContentReloader;
import org.hsgcds.web.HookRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/reload}: re-reads {@code cql/} and {@code fhir-resources/} from
 * {@code hsg.content.location}, compiles and validates them and only then puts them in force. Answers
 * 404 when no {@code hsg.admin.token} is configured (the endpoint is off), 403 without the right
 * {@code X-HSG-Admin-Token} header, 422 with the reason when the new content is broken (the running
 * content stays). Client JWTs, when configured, are checked before this by the security filter.
 */
@RestController
class AdminController {

    static final String TOKEN_HEADER = "X-HSG-Admin-Token";

    private final ContentReloader reloader;
    private final AdminToken token;
    private final MicrometerMetrics metrics;

    AdminController(ContentReloader reloader, AdminProperties properties, MicrometerMetrics metrics) {
        this.reloader = reloader;
        this.token = new AdminToken(properties.token());
        this.metrics = metrics;
    }

    @PostMapping(path = "/admin/reload", produces = MediaType.APPLICATION_JSON_VALUE)
    ReloadResult reload(@RequestHeader(name = TOKEN_HEADER, required = false) String presented) {
        if (!token.configured()) {
            throw new HookRequestException(HttpStatus.NOT_FOUND, "not_found", "No such endpoint");
        }
        if (!token.matches(presented)) {
            throw new HookRequestException(
                    HttpStatus.FORBIDDEN, "forbidden", "A valid " + TOKEN_HEADER + " header is required");
        }
        try {
            ContentHolder.LoadedContent loaded = reloader.reload();
            metrics.reload("reloaded");
            return ReloadResult.of(loaded);
        } catch (ContentException e) {
            metrics.reload("rejected");
            throw e;
        }
    }

    record ReloadResult(
            String status,
            String library,
            String version,
            int generation,
            int valueSets,
            int cardDefinitions,
            String loadedAt) {

        static ReloadResult of(ContentHolder.LoadedContent loaded) {
            var content = loaded.content();
            return new ReloadResult(
                    "reloaded",
                    content.rules().name(),
                    content.rules().version(),
                    loaded.generation(),
                    content.valueSets().urls().size(),
                    content.cards().cards().size(),
                    loaded.loadedAt().toString());
        }
    }
}
