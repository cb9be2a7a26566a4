package org.hsgcds.security;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code hsg.security.*}: the CDS clients trusted to call (CDS Hooks 2.0 "Trusting CDS Clients") and
 * the limits applied to every request.
 *
 * @param issuers trusted clients; none means the service runs open, on loopback only unless {@code allowUnauthenticated}
 * @param externalBaseUrl deprecated alias of {@code hsg.public-base-url}, the one URL clients reach the service at
 *     (card links, and the JWT {@code aud}: this plus the path); required with issuers
 * @param allowUnauthenticated run open on a non-loopback address on purpose
 * @param cors browser clients; without {@code allowed-origins}, none (open mode too)
 * @param maxBodySize larger request bodies get 413
 * @param clockSkew tolerance when checking {@code exp} and {@code iat}
 * @param maxTokenLifetime how far in the future {@code exp} may lie (the spec says at most 5 minutes)
 * @param replayCacheSize how many unexpired {@code jti} values are remembered; when full, new tokens are refused
 * @param jwksRefreshInterval the JWKS of an issuer is fetched at most twice within this interval
 * @param bodyReadTimeout the longest a request body may take to arrive (408 after it), however it trickles
 */
@ConfigurationProperties("hsg.security")
public record SecurityProperties(
        List<Issuer> issuers,
        URI externalBaseUrl,
        boolean allowUnauthenticated,
        Cors cors,
        @DefaultValue("5MB") DataSize maxBodySize,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("5m") Duration maxTokenLifetime,
        @DefaultValue("100000") int replayCacheSize,
        @DefaultValue("30s") Duration jwksRefreshInterval,
        @DefaultValue("30s") Duration bodyReadTimeout) {

    public SecurityProperties {
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
        if (externalBaseUrl != null && (externalBaseUrl.getScheme() == null || externalBaseUrl.getHost() == null)) {
            throw new IllegalArgumentException(
                    "hsg.security.external-base-url must be an absolute URL, got " + externalBaseUrl);
        }
        if (replayCacheSize < 1) {
            throw new IllegalArgumentException("hsg.security.replay-cache-size must be positive");
        }
    }

    public boolean authenticationRequired() {
        return !issuers.isEmpty();
    }

    /**
     * The origins browser clients may call from: as configured, else none, open mode included (the
     * workbench is same-origin; {@code *} let any page the user visited read the local service).
     */
    List<String> allowedOrigins() {
        if (cors != null && cors.allowedOrigins() != null) {
            return List.copyOf(cors.allowedOrigins());
        }
        return List.of();
    }

    boolean allowPrivateNetwork() {
        return cors != null && cors.allowPrivateNetwork();
    }

    /**
     * @param allowedOrigins origins (or {@code *}) whose pages may call the service
     * @param allowPrivateNetwork answer Private Network Access preflights (a public page calling this service
     *     on a private or loopback address) for those origins; refused (403) otherwise
     */
    public record Cors(List<String> allowedOrigins, boolean allowPrivateNetwork) {}

    /**
     * One trusted CDS client.
     *
     * @param iss the {@code iss} its tokens carry
     * @param jwksUrl where its public keys are published (https, or http on loopback)
     * @param jku further JWKS URLs its tokens may name in the {@code jku} header
     */
    public record Issuer(String iss, URI jwksUrl, List<URI> jku) {

        public Issuer {
            if (iss == null || iss.isBlank()) {
                throw new IllegalArgumentException("hsg.security.issuers[].iss is required");
            }
            if (jwksUrl == null) {
                throw new IllegalArgumentException("hsg.security.issuers[].jwks-url is required for issuer " + iss);
            }
            jku = jku == null ? List.of() : List.copyOf(jku);
            requireSafeUrl(jwksUrl, iss);
            jku.forEach(url -> requireSafeUrl(url, iss));
        }

        private static void requireSafeUrl(URI url, String iss) {
            boolean https = "https".equalsIgnoreCase(url.getScheme());
            boolean loopbackHttp = "http".equalsIgnoreCase(url.getScheme()) && isLoopback(url.getHost());
            if (url.getHost() == null || !(https || loopbackHttp)) {
                throw new IllegalArgumentException("JWKS URL " + url + " of issuer " + iss
                        + " must be https (plain http is accepted on loopback only)");
            }
        }
    }

    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
