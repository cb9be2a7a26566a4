package org.hsgcds.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks the JWT a CDS client sends with every call (CDS Hooks 2.0 "Trusting CDS Clients"): an
 * asymmetric signature by a key of a configured issuer, {@code aud} naming the endpoint called, a
 * current {@code exp}/{@code iat}, and a {@code jti} never seen before by any replica ({@link ReplayStore}). Any failure throws
 * {@link ClientAuthenticationException} with the reason for the log.
 */
final class ClientTokenVerifier {

    static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384, JWSAlgorithm.ES256, JWSAlgorithm.RS256);
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private final Map<String, SecurityProperties.Issuer> issuers;
    private final JwksKeySources keys;
    private final ReplayStore replays;
    private final Duration clockSkew;
    private final Duration maxLifetime;
    private final Clock clock;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

    ClientTokenVerifier(SecurityProperties properties, ReplayStore replays, Clock clock) {
        this.issuers = properties.issuers().stream()
                .collect(Collectors.toUnmodifiableMap(SecurityProperties.Issuer::iss, Function.identity()));
        this.keys = new JwksKeySources(properties.jwksRefreshInterval());
        this.replays = replays;
        this.clockSkew = properties.clockSkew();
        this.maxLifetime = properties.maxTokenLifetime();
        this.clock = clock;
    }

    /** @param audience the URL of the endpoint called, which {@code aud} must name */
    void verify(String token, String audience) {
        verify(token, List.of(audience));
    }

    /** @param audiences the URLs {@code aud} may name (the endpoint called, and for feedback its service) */
    void verify(String token, List<String> audiences) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw reject("token longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        if (!canonical(token)) {
            throw reject("not three canonical base64url parts (no padding, no other alphabet, no stray bits)");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw reject("not a signed JWT (" + e.getClass().getSimpleName() + ")");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw reject("alg " + LogText.clip(String.valueOf(header.getAlgorithm())) + " is not accepted");
        }
        if (header.getKeyID() == null || header.getKeyID().isBlank()) {
            throw reject("no kid in the header");
        }
        if (!JOSEObjectType.JWT.equals(header.getType())) {
            throw reject("typ is not JWT");
        }
        SecurityProperties.Issuer issuer = claims.getIssuer() == null ? null : issuers.get(claims.getIssuer());
        if (issuer == null) {
            throw reject("iss " + LogText.clip(claims.getIssuer()) + " is not a configured issuer");
        }
        verifySignature(jwt, issuer);
        Instant now = clock.instant();
        verifyClaims(claims, audiences, now);
        Instant forgetAfter = claims.getExpirationTime().toInstant().plus(clockSkew);
        switch (remember(issuer.iss() + "\n" + claims.getJWTID(), forgetAfter, now)) {
            case REPLAY ->
                throw reject("jti " + LogText.clip(claims.getJWTID()) + " of iss " + LogText.clip(issuer.iss())
                        + " was already used");
            case FULL -> throw reject("replay cache is full; refusing new tokens until entries expire");
            case FIRST_USE -> {}
        }
    }

    /**
     * Whether the token is exactly three base64url parts as RFC 7515 writes them: no padding, no
     * {@code +/}, and each part the one encoding of its bytes (no stray low bits), so one token has one
     * spelling and a replayed token cannot pass as a new one.
     */
    static boolean canonical(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || !part.chars().allMatch(ClientTokenVerifier::base64url)) {
                return false;
            }
            try {
                byte[] bytes = java.util.Base64.getUrlDecoder().decode(part);
                if (!java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(bytes)
                        .equals(part)) {
                    return false;
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }

    private static boolean base64url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /** Fail closed: a token that cannot be remembered is refused, as one that was already used is. */
    private ReplayStore.Result remember(String id, Instant forgetAfter, Instant now) {
        try {
            return replays.remember(id, forgetAfter, now);
        } catch (RuntimeException e) {
            throw reject("the replay store is unavailable (" + e.getClass().getSimpleName()
                    + "); refusing tokens until it answers");
        }
    }

    private void verifySignature(SignedJWT jwt, SecurityProperties.Issuer issuer) {
        JWSHeader header = jwt.getHeader();
        var source = keys.forToken(issuer, header.getJWKURL());
        List<? extends Key> candidates;
        try {
            candidates = new JWSVerificationKeySelector<SecurityContext>(header.getAlgorithm(), source)
                    .selectJWSKeys(header, null);
        } catch (KeySourceException e) {
            throw reject("keys of iss " + LogText.clip(issuer.iss()) + " unavailable ("
                    + e.getClass().getSimpleName() + ": " + LogText.clip(e.getMessage()) + ")");
        }
        if (candidates.isEmpty()) {
            throw reject("no " + header.getAlgorithm() + " key with kid " + LogText.clip(header.getKeyID())
                    + " in the JWKS of iss " + LogText.clip(issuer.iss()));
        }
        for (Key key : candidates) {
            try {
                if (jwt.verify(verifiers.createJWSVerifier(header, key))) {
                    return;
                }
            } catch (JOSEException | RuntimeException e) {
                throw reject("signature check failed (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw reject(
                "bad signature for kid " + LogText.clip(header.getKeyID()) + " of iss " + LogText.clip(issuer.iss()));
    }

    private void verifyClaims(JWTClaimsSet claims, List<String> audiences, Instant now) {
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null || iat == null) {
            throw reject("exp and iat are required");
        }
        if (exp.toInstant().plus(clockSkew).isBefore(now)) {
            throw reject("expired at " + exp.toInstant());
        }
        if (exp.toInstant().isAfter(now.plus(maxLifetime).plus(clockSkew))) {
            throw reject("exp " + exp.toInstant() + " is more than " + maxLifetime + " ahead");
        }
        if (iat.toInstant().isAfter(now.plus(clockSkew))) {
            throw reject("iat " + iat.toInstant() + " is in the future");
        }
        if (nbf != null && nbf.toInstant().isAfter(now.plus(clockSkew))) {
            throw reject("nbf " + nbf.toInstant() + " is in the future");
        }
        List<String> aud = claims.getAudience();
        List<String> expected = audiences.stream()
                .map(ClientTokenVerifier::withoutTrailingSlash)
                .toList();
        if (aud.stream().map(ClientTokenVerifier::withoutTrailingSlash).noneMatch(expected::contains)) {
            throw reject(
                    "aud " + LogText.clip(String.valueOf(aud)) + " does not name " + LogText.clip(audiences.get(0)));
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            // CDS Hooks 2.0, "Trusting CDS Clients": sub is the client's client_id
            throw reject("sub is required");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > 256) {
            throw reject("jti is missing or longer than 256 characters");
        }
    }

    static String withoutTrailingSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static ClientAuthenticationException reject(String reason) {
        return new ClientAuthenticationException(reason);
    }
}
