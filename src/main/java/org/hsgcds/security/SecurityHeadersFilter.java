package org.hsgcds.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers on every response, errors included: answers carry patient-specific advice, so nothing is
 * stored by caches; nothing is sniffed, framed or rendered as a page. The one exception to "no page"
 * is the workbench ({@code /} and its assets under {@code /workbench/}): it gets a policy that lets it
 * load its own scripts, styles and fonts and call this service, and nothing else (no inline script or
 * style, no eval, no other origin, no framing). Its JSON API under {@code /workbench/api/} keeps the
 * API-wide policy.
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String WORKBENCH_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self';"
            + " connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", isWorkbenchPage(request) ? WORKBENCH_POLICY : API_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        if (request.getDispatcherType() == DispatcherType.REQUEST && isErrorPath(request)) {
            // The container's error page is where failures are forwarded, not a route: asked for directly
            // it used to answer 500 (no error to describe).
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isErrorPath(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals("/error") || path.startsWith("/error/");
    }

    /** The page and its static assets; not its JSON API. Exact path rules, on the path as sent. */
    static boolean isWorkbenchPage(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "/".equals(path) || (path.startsWith("/workbench/") && !path.startsWith("/workbench/api/"));
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
