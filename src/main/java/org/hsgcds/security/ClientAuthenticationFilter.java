package org.hsgcds.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Lets a request through only with {@code Authorization: Bearer <JWT>} from a trusted CDS client
 * (every path: discovery, hooks, feedback, unknown paths), except reading the patient handouts: cards
 * link to them and a link is opened in a browser, which holds no CDS client JWT; they are static and
 * hold no patient data. The exact requests an {@link UnauthenticatedRequests} bean names (the read-only
 * workbench, when switched on) are let through as well. CORS preflights are answered before this
 * filter. Failures go to the error handler as {@link ClientAuthenticationException} (401); the log
 * gets the reason, never the token.
 */
final class ClientAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ClientAuthenticationFilter.class);
    private static final String BEARER = "Bearer ";
    private static final String HANDOUTS = "/handouts/";
    private static final Pattern FEEDBACK = Pattern.compile("(.*/cds-services/[^/]+)/feedback");

    private final ClientTokenVerifier verifier;
    private final URI externalBaseUrl;
    private final HandlerExceptionResolver errors;
    private final UnauthenticatedRequests exempt;

    ClientAuthenticationFilter(ClientTokenVerifier verifier, URI externalBaseUrl, HandlerExceptionResolver errors) {
        this(verifier, externalBaseUrl, errors, request -> false);
    }

    ClientAuthenticationFilter(
            ClientTokenVerifier verifier,
            URI externalBaseUrl,
            HandlerExceptionResolver errors,
            UnauthenticatedRequests exempt) {
        this.verifier = verifier;
        this.externalBaseUrl = java.util.Objects.requireNonNull(externalBaseUrl, "the public base URL");
        this.errors = errors;
        this.exempt = exempt;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return isHandoutRead(request) || exempt.matches(request);
    }

    /** GET or HEAD of a static, patient-free handout page; the servlet path is decoded and normalised by the container. */
    private static boolean isHandoutRead(HttpServletRequest request) {
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return read && path.startsWith(HANDOUTS) && !path.contains("/../") && !path.endsWith("/..");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (CorsUtils.isPreFlightRequest(request)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            java.util.Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
            String authorization = headers != null && headers.hasMoreElements() ? headers.nextElement() : null;
            if (headers != null && headers.hasMoreElements()) {
                throw new ClientAuthenticationException("more than one Authorization header");
            }
            if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw new ClientAuthenticationException("no bearer token");
            }
            verifier.verify(authorization.substring(BEARER.length()).trim(), audiences(request));
        } catch (ClientAuthenticationException e) {
            log.warn(
                    "Unauthorized {} {}: {}",
                    request.getMethod(),
                    LogText.clip(request.getRequestURI()),
                    e.getMessage());
            errors.resolveException(request, response, null, e);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The URL the client called: the configured base URL plus the path, never the request's Host header
     * (RFC 8725 §3.9: a token for another service, sent with a forged Host, would pass).
     */
    String audience(HttpServletRequest request) {
        return ClientTokenVerifier.withoutTrailingSlash(externalBaseUrl.toString()) + request.getRequestURI();
    }

    /**
     * What {@code aud} may name: the URL called, and for a feedback endpoint also the URL of its service
     * ({@code .../cds-services/{id}}), which CDS clients send as the audience of every call to that service.
     */
    List<String> audiences(HttpServletRequest request) {
        String called = audience(request);
        Matcher feedback = FEEDBACK.matcher(ClientTokenVerifier.withoutTrailingSlash(called));
        return feedback.matches() ? List.of(called, feedback.group(1)) : List.of(called);
    }
}
