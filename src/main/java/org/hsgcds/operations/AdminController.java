package org.hsgcds.operations;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/reload} on the service port: re-reads {@code cql/} and {@code fhir-resources/} from {@code
 * hsg.content.location}, compiles and validates them and only then puts them in force ({@link AdminReload} says
 * when it refuses). Client JWTs, when configured, are checked before this by the security filter; operators, who
 * hold no client JWT, reload on the management port with the admin token alone ({@link ReloadEndpoint}).
 */
@RestController
class AdminController {

    static final String TOKEN_HEADER = AdminReload.TOKEN_HEADER;

    private final AdminReload reload;

    AdminController(AdminReload reload) {
        this.reload = reload;
    }

    @PostMapping(path = "/admin/reload", produces = MediaType.APPLICATION_JSON_VALUE)
    AdminReload.ReloadResult reload(@RequestHeader(name = TOKEN_HEADER, required = false) String presented) {
        return reload.reload(presented);
    }
}
