package org.hsgcds.prefetch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The FHIR servers this service may contact ({@code hsg.fhir.allowed-servers}). Entries must be
 * https, or http on a loopback address; a request's {@code fhirServer} matches when it is an entry
 * or a path below one, compared in normal form. A bad entry stops the application at start-up.
 */
final class AllowedServers {

    private final List<ServerBase> servers;

    private AllowedServers(List<ServerBase> servers) {
        this.servers = List.copyOf(servers);
    }

    static AllowedServers of(List<String> entries) {
        List<ServerBase> servers = new ArrayList<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            ServerBase server = ServerBase.parse(entry)
                    .orElseThrow(() -> new IllegalArgumentException("hsg.fhir.allowed-servers: '" + entry
                            + "' is not a base URL (scheme://host[:port][/path], no user info, query or fragment)"));
            if (server.scheme().equals("http") && !server.loopback()) {
                throw new IllegalArgumentException("hsg.fhir.allowed-servers: '" + entry
                        + "' must use https; http is allowed only for loopback addresses");
            }
            servers.add(server);
        }
        return new AllowedServers(servers);
    }

    /** The request's server in normal form, if it may be contacted. */
    Optional<ServerBase> match(String fhirServer) {
        return ServerBase.parse(fhirServer).filter(requested -> servers.stream().anyMatch(s -> s.contains(requested)));
    }

    boolean isEmpty() {
        return servers.isEmpty();
    }
}
