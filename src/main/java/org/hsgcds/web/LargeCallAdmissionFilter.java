package org.hsgcds.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.hsgcds.orchestration.CallAbandonedException;
import org.hsgcds.orchestration.CpuSlots;
import org.hsgcds.orchestration.SlotsBusyException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * A hook call with a large body (a long record in its prefetch) is read first and then waits for its
 * CPU slot before anything parses it. Calls queued for a slot so hold one byte array each instead of
 * parsed JSON trees many times that size: with 32 long records at once, the waiting calls' trees
 * crowded the young generation and the collector, not the CPU, set the pace. The body is read before
 * waiting, so a client that sends slowly holds no slot. Smaller calls take their slot inside
 * {@link org.hsgcds.orchestration.HookService} as before; the slot is re-entrant.
 */
final class LargeCallAdmissionFilter extends OncePerRequestFilter {

    private static final Pattern HOOK_CALL = Pattern.compile("/cds-services/[^/]+");

    private final CpuSlots slots;
    private final long largeBodyBytes;
    private final Duration maxWait;
    private final HandlerExceptionResolver errors;

    LargeCallAdmissionFilter(CpuSlots slots, long largeBodyBytes) {
        this(slots, largeBodyBytes, Duration.ofDays(1), null);
    }

    /**
     * @param maxWait the longest a call waits for its slot: 503 beyond, and not evaluated (#29)
     * @param errors answers a call refused here as Spring MVC would (the filter runs before it): JSON 503
     */
    LargeCallAdmissionFilter(CpuSlots slots, long largeBodyBytes, Duration maxWait, HandlerExceptionResolver errors) {
        this.maxWait = maxWait;
        this.errors = errors;
        this.slots = slots;
        this.largeBodyBytes = largeBodyBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || request.getContentLengthLong() < largeBodyBytes
                || !HOOK_CALL
                        .matcher(request.getRequestURI()
                                .substring(request.getContextPath().length()))
                        .matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        // A call whose client hangs up while it waits is not evaluated (#29).
        CpuSlots.Held held;
        try {
            held = slots.hold(maxWait, ClientPresence.of(request));
        } catch (SlotsBusyException | CallAbandonedException refused) {
            if (errors == null) {
                throw refused;
            }
            errors.resolveException(request, response, null, refused);
            return;
        }
        try (CpuSlots.Held ignored = held) {
            chain.doFilter(new ReadBody(request, body), response);
        }
    }

    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("hook calls are read synchronously");
                }
            };
        }
    }
}
