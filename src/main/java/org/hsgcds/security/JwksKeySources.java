package org.hsgcds.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public keys of the trusted issuers, one cached source per configured JWKS URL: fetched on
 * first use, kept for five minutes, fetched again when a token names an unknown {@code kid}, and
 * never fetched more than twice per refresh interval. Only configured URLs are ever fetched.
 */
final class JwksKeySources {

    private static final int TIMEOUT_MS = 2_000;
    private static final int MAX_JWKS_BYTES = 256 * 1024;
    private static final long CACHE_TTL_MS = Duration.ofMinutes(5).toMillis();

    private final Duration refreshInterval;
    private final Map<URI, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

    JwksKeySources(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    /** The key source for a token: the issuer's JWKS, or the header's {@code jku} when the issuer lists it. */
    JWKSource<SecurityContext> forToken(SecurityProperties.Issuer issuer, URI jku) {
        URI url = issuer.jwksUrl();
        if (jku != null) {
            if (!issuer.jku().contains(jku) && !jku.equals(issuer.jwksUrl())) {
                throw new ClientAuthenticationException("jku " + LogText.clip(jku.toString())
                        + " is not allowed for iss " + LogText.clip(issuer.iss()));
            }
            url = jku;
        }
        return sources.computeIfAbsent(url, this::build);
    }

    private JWKSource<SecurityContext> build(URI url) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(
                            url.toURL(), new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, MAX_JWKS_BYTES))
                    .cache(CACHE_TTL_MS, Math.min(CACHE_TTL_MS - 1, 15_000))
                    .refreshAheadCache(false)
                    .rateLimited(refreshInterval.toMillis())
                    .retrying(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("JWKS URL " + url + " is not a URL", e);
        }
    }
}
