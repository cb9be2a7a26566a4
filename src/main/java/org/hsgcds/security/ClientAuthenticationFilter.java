package org.hsgcds.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Lets a request through only with {@code Authorization: Bearer <JWT>} from a trusted CDS client
 * (every path: discovery, hooks, feedback, unknown paths). CORS preflights are answered before this
 * filter, and so are the exact requests an {@link UnauthenticatedRequests} bean names (the read-only
 * workbench, when switched on). Failures go to the error handler as {@link ClientAuthenticationException}
 * (401); the log gets the reason, never the token.
 */
final class ClientAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ClientAuthenticationFilter.class);
    private static final String BEARER = "Bearer ";

    private final ClientTokenVerifier verifier;
    private final URI externalBaseUrl;
    private final HandlerExceptionResolver errors;
    private final UnauthenticatedRequests exempt;

    ClientAuthenticationFilter(ClientTokenVerifier verifier, URI externalBaseUrl, HandlerExceptionResolver errors) {
        this(verifier, externalBaseUrl, errors, request -> false);
    }

    ClientAuthenticationFilter(ClientTokenVerifier verifier, URI externalBaseUrl, HandlerExceptionResolver errors,
            UnauthenticatedRequests exempt) {
        this.verifier = verifier;
        this.externalBaseUrl = externalBaseUrl;
        this.errors = errors;
        this.exempt = exempt;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return exempt.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (CorsUtils.isPreFlightRequest(request)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw new ClientAuthenticationException("no bearer token");
            }
            verifier.verify(authorization.substring(BEARER.length()).trim(), audience(request));
        } catch (ClientAuthenticationException e) {
            log.warn("Unauthorized {} {}: {}", request.getMethod(), LogText.clip(request.getRequestURI()), e.getMessage());
            errors.resolveException(request, response, null, e);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The URL the client called: the external base URL plus the path when configured, else as the request says. */
    String audience(HttpServletRequest request) {
        if (externalBaseUrl == null) {
            return request.getRequestURL().toString();
        }
        return ClientTokenVerifier.withoutTrailingSlash(externalBaseUrl.toString()) + request.getRequestURI();
    }
}
