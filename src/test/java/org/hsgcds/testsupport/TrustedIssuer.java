package org.hsgcds.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A CDS client's side of "Trusting CDS Clients" for tests, as a JUnit 5 extension: real EC and RSA keys generated
 * here, a real HTTP server on loopback publishing JWK sets (counting fetches), and signed tokens. The server stops
 * after the test class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TrustedIssuer ISSUER = new TrustedIssuer();
 * static final ECKey KEY = TrustedIssuer.ecKey("k-1");
 *
 * static {
 *     ISSUER.publish("/jwks", KEY.toPublicJWK());
 * }
 *
 * @DynamicPropertySource
 * static void issuers(DynamicPropertyRegistry registry) {
 *     ISSUER.trustedBy(registry); // the service requires client tokens from this issuer
 * }
 * // a request: "Authorization: Bearer " + TrustedIssuer.token(KEY, JWSAlgorithm.ES384, audienceUrl)
 * }</pre>
 */
public final class TrustedIssuer implements AfterAllCallback {

    /** The issuer ({@code iss}) of every token minted here. */
    public static final String ISS = "https://ehr.example.org";

    /** The service's public base URL in {@link #trustedBy}: token audiences are URLs under it. */
    public static final String PUBLIC_BASE_URL = "https://cds.example.org";

    private final HttpServer server;
    private final Map<String, JWKSet> sets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();

    public TrustedIssuer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            fetches.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            JWKSet set = sets.get(path);
            byte[] body = set == null ? new byte[0] : set.toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(set == null ? 404 : 200, set == null ? -1 : body.length);
            if (set != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    /**
     * Makes the service under test trust this issuer: listening on loopback, {@link #PUBLIC_BASE_URL} as its public
     * base URL, and issuer 0 = {@link #ISS} with its JWK set at {@code /jwks} here.
     */
    public void trustedBy(DynamicPropertyRegistry registry) {
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("hsg.public-base-url", () -> PUBLIC_BASE_URL);
        registry.add("hsg.security.issuers[0].iss", () -> ISS);
        registry.add("hsg.security.issuers[0].jwks-url", () -> url("/jwks"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop(0);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void publish(String path, JWK... keys) {
        sets.put(path, new JWKSet(List.of(keys)));
    }

    public int fetches(String path) {
        return fetches.getOrDefault(path, new AtomicInteger()).get();
    }

    public static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token as a well-behaved client would send it; the consumers then break what a test needs broken. */
    public static String token(
            JWK key,
            JWSAlgorithm alg,
            String audience,
            Consumer<JWSHeader.Builder> header,
            Consumer<JWTClaimsSet.Builder> claims) {
        JWSHeader.Builder h = new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT);
        header.accept(h);
        Instant now = Instant.now();
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder()
                .issuer(ISS)
                .subject("client-1")
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(4))))
                .jwtID(UUID.randomUUID().toString());
        claims.accept(c);
        try {
            SignedJWT jwt = new SignedJWT(h.build(), c.build());
            jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, alg));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String token(JWK key, JWSAlgorithm alg, String audience) {
        return token(key, alg, audience, h -> {}, c -> {});
    }
}
