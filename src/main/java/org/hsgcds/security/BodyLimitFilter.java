package org.hsgcds.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses bodies over the limit with 413: at once when Content-Length announces one, and while
 * reading when the body is streamed (chunked) or longer than announced. The limit is the smaller of
 * {@code hsg.security.max-body-size} and the endpoint's own ({@link RequestBodyLimits}). A body still
 * arriving after {@code hsg.security.body-read-timeout} is refused with 408.
 */
final class BodyLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final RequestBodyLimits endpoints;
    private final Duration readTimeout;
    private final HandlerExceptionResolver errors;

    BodyLimitFilter(long limit, HandlerExceptionResolver errors) {
        this(limit, request -> -1, Duration.ofDays(1), errors);
    }

    /**
     * @param endpoints smaller limits of particular endpoints (the workbench API)
     * @param readTimeout the longest a body may take to arrive, however slowly it trickles: a client sending
     *     one byte every few seconds would otherwise hold a worker thread for as long as it likes
     */
    BodyLimitFilter(long limit, RequestBodyLimits endpoints, Duration readTimeout, HandlerExceptionResolver errors) {
        this.limit = limit;
        this.endpoints = endpoints;
        this.readTimeout = readTimeout;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long own = endpoints.limitFor(request);
        long applied = own >= 0 && own < limit ? own : limit;
        String setting = own >= 0 && own < limit ? endpoints.setting() : "hsg.security.max-body-size";
        // Checked before anything reads the body, so "Expect: 100-continue" is answered 413, never 100
        // (Tomcat sends the 100 on the first read: see SecurityConfiguration's connector settings).
        if (request.getContentLengthLong() > applied) {
            errors.resolveException(request, response, null, new PayloadTooLargeException(applied, setting));
            return;
        }
        chain.doFilter(new LimitedRequest(request, applied, setting, readTimeout), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private final String setting;
        private final Duration readTimeout;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit, String setting, Duration readTimeout) {
            super(request);
            this.limit = limit;
            this.setting = setting;
            this.readTimeout = readTimeout;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit, setting, readTimeout);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final String setting;
        private final Duration readTimeout;
        private final long started = System.nanoTime();
        private long read;

        LimitedStream(ServletInputStream in, long limit, String setting, Duration readTimeout) {
            this.in = in;
            this.limit = limit;
            this.setting = setting;
            this.readTimeout = readTimeout;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit, setting);
            }
            if (System.nanoTime() - started > readTimeout.toNanos()) {
                throw new BodyTooSlowException(readTimeout);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
