package org.hsgcds.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Requests that another feature serves without a client JWT even when trusted issuers are configured
 * (today: the read-only workbench page, when {@code hsg.workbench.enabled=true}). A bean of this type
 * is consulted by the client authentication filter only; headers, CORS and the body limit still apply.
 * Implementations must match exact method and path, never a prefix, so that no CDS endpoint can be
 * reached through them.
 */
@FunctionalInterface
public interface UnauthenticatedRequests {

    boolean matches(HttpServletRequest request);
}
