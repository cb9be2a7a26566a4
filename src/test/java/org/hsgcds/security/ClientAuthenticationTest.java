package org.hsgcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.HsgServiceTest;
import org.hsgcds.testsupport.LocalHttp;
import org.hsgcds.testsupport.TrustedIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With trusted issuers configured, only calls carrying a valid client JWT get through. Keys are
 * generated here and the JWKS is served over real HTTP; every attack must end in the same bare 401.
 */
@HsgServiceTest
class ClientAuthenticationTest {

    @RegisterExtension
    static final TrustedIssuer ISSUER = new TrustedIssuer();

    static final ECKey EC = TrustedIssuer.ecKey("ec-1");
    static final RSAKey RSA = TrustedIssuer.rsaKey("rsa-1");
    static final ECKey ALT = TrustedIssuer.ecKey("alt-1");
    static final ECKey ATTACKER = TrustedIssuer.ecKey("ec-1");
    static final String ROTATING_ISS = "https://rotating.example.org";
    static final String SANDBOX = "https://sandbox.cds-hooks.org";
    static final String UNAUTHORIZED = "{\"status\":401,\"error\":\"unauthorized\",\"message\":\"unauthorized\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        ISSUER.publish("/jwks", EC.toPublicJWK(), RSA.toPublicJWK());
        ISSUER.publish("/jwks-alt", ALT.toPublicJWK());
        ISSUER.publish("/evil", ATTACKER.toPublicJWK());
    }

    @DynamicPropertySource
    static void issuers(DynamicPropertyRegistry registry) {
        ISSUER.trustedBy(registry);
        registry.add("hsg.security.issuers[0].jku[0]", () -> ISSUER.url("/jwks-alt"));
        registry.add("hsg.security.issuers[1].iss", () -> ROTATING_ISS);
        registry.add("hsg.security.issuers[1].jwks-url", () -> ISSUER.url("/rotating"));
        registry.add("hsg.security.cors.allowed-origins", () -> SANDBOX);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = LocalHttp.client();

    @Test
    void validEs384TokenOpensDiscoveryAndHooks() throws Exception {
        assertThat(get("/cds-services", TrustedIssuer.token(EC, JWSAlgorithm.ES384, url("/cds-services")))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> hook = hook(TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK)));
        assertThat(hook.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(hook.body()).path("cards").findValuesAsText("code"))
                .contains("eligible");
    }

    @Test
    void validRs384TokenIsAccepted() throws Exception {
        assertThat(hook(TrustedIssuer.token(RSA, JWSAlgorithm.RS384, url(HOOK))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void audienceMayBeAnArrayNamingTheEndpoint() throws Exception {
        String token = TrustedIssuer.token(
                EC,
                JWSAlgorithm.ES384,
                url(HOOK),
                h -> {},
                c -> c.audience(List.of("https://other.example.org/cds-services", url(HOOK))));
        assertThat(hook(token).statusCode()).isEqualTo(200);
    }

    @Test
    void feedbackAcceptsTheServiceUrlAsAudienceAsWellAsItsOwn() throws Exception {
        String card = UUID.randomUUID().toString();
        for (String audience : List.of(url(HOOK), url(HOOK + "/feedback"))) {
            String body = "{\"feedback\":[{\"card\":\"" + card
                    + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2025-03-01T10:00:00Z\"}]}";
            HttpResponse<String> answer = send(request(HOOK + "/feedback")
                    .header("Authorization", "Bearer " + TrustedIssuer.token(EC, JWSAlgorithm.ES384, audience))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(answer.statusCode()).as(audience + ": " + answer.body()).isEqualTo(200);
        }
        assertUnauthorized(send(request(HOOK + "/feedback")
                .header(
                        "Authorization",
                        "Bearer " + TrustedIssuer.token(EC, JWSAlgorithm.ES384, url("/cds-services/hsg-order-select")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"feedback\":[]}"))));
    }

    @Test
    void handoutsAreReadWithoutATokenButNothingElseIs() throws Exception {
        HttpResponse<String> handout =
                send(request("/handouts/hsg-patient-guide.html").GET());
        assertThat(handout.statusCode()).isEqualTo(200);
        assertThat(handout.body()).containsIgnoringCase("<html");
        assertUnauthorized(send(request("/handouts/../cds-services").GET()));
        assertUnauthorized(send(request("/handouts/%2e%2e/cds-services").GET()));
        assertUnauthorized(
                send(request("/handouts/hsg-patient-guide.html").POST(HttpRequest.BodyPublishers.ofString("x"))));
    }

    /** The FHIR knowledge endpoints are treated as discovery is: public content, but only for a trusted client. */
    @Test
    void fhirKnowledgeEndpointsNeedATokenAsDiscoveryDoes() throws Exception {
        assertUnauthorized(send(request("/fhir/metadata").GET()));
        assertUnauthorized(send(request("/fhir/Library/HSGEligibility").GET()));
        assertUnauthorized(send(request("/fhir/ValueSet/hcg-test").GET()));
        HttpResponse<String> library = get(
                "/fhir/Library/HSGEligibility",
                TrustedIssuer.token(EC, JWSAlgorithm.ES384, url("/fhir/Library/HSGEligibility")));
        assertThat(library.statusCode()).as(library.body()).isEqualTo(200);
        assertThat(JSON.readTree(library.body()).path("resourceType").asText()).isEqualTo("Library");
    }

    @Test
    void jkuOnTheIssuersListIsUsed() throws Exception {
        String token = TrustedIssuer.token(
                ALT, JWSAlgorithm.ES384, url(HOOK), h -> h.jwkURL(URI.create(ISSUER.url("/jwks-alt"))), c -> {});
        assertThat(hook(token).statusCode()).isEqualTo(200);
    }

    @Test
    void missingOrNonBearerAuthorizationIsRefused() throws Exception {
        assertUnauthorized(send(request("/cds-services").GET()));
        assertUnauthorized(send(request("/cds-services")
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .GET()));
        assertUnauthorized(get("/cds-services", "not-a-jwt"));
        assertUnauthorized(get("/cds-services", ""));
        assertUnauthorized(get("/cds-services", "a.b.c"));
    }

    @Test
    void everyEndpointNeedsATokenEvenUnknownOnes() throws Exception {
        assertUnauthorized(send(request(HOOK + "/feedback")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"feedback\":[]}"))));
        assertUnauthorized(send(request("/no-such-thing").GET()));
        assertUnauthorized(send(
                request(HOOK).header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x"))));
        assertUnauthorized(send(request(HOOK).method("DELETE", HttpRequest.BodyPublishers.noBody())));
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        assertUnauthorized(hook(TrustedIssuer.token(
                EC,
                JWSAlgorithm.ES384,
                url(HOOK),
                h -> {},
                c -> c.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(240))))));
    }

    @Test
    void tokenIssuedInTheFutureIsRefused() throws Exception {
        Instant later = Instant.now().plus(Duration.ofMinutes(3));
        assertUnauthorized(hook(
                TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK), h -> {}, c -> c.issueTime(Date.from(later)))));
    }

    @Test
    void tokenValidForLongerThanFiveMinutesIsRefused() throws Exception {
        assertUnauthorized(hook(TrustedIssuer.token(
                EC,
                JWSAlgorithm.ES384,
                url(HOOK),
                h -> {},
                c -> c.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))))));
    }

    @Test
    void tokenForAnotherEndpointIsRefused() throws Exception {
        assertUnauthorized(hook(TrustedIssuer.token(EC, JWSAlgorithm.ES384, url("/cds-services"))));
        assertUnauthorized(hook(
                TrustedIssuer.token(EC, JWSAlgorithm.ES384, "https://other.example.org/cds-services/hsg-order-sign")));
        assertUnauthorized(
                hook(TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK), h -> {}, c -> c.audience(List.of()))));
    }

    @Test
    void unknownIssuerIsRefused() throws Exception {
        assertUnauthorized(hook(TrustedIssuer.token(
                EC, JWSAlgorithm.ES384, url(HOOK), h -> {}, c -> c.issuer("https://evil.example.org"))));
        assertUnauthorized(hook(TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK), h -> {}, c -> c.issuer(null))));
    }

    @Test
    void unknownKidIsRefused() throws Exception {
        ECKey stranger = TrustedIssuer.ecKey("no-such-kid");
        assertUnauthorized(hook(TrustedIssuer.token(stranger, JWSAlgorithm.ES384, url(HOOK))));
    }

    @Test
    void signatureByAnotherKeyWithTheSameKidIsRefused() throws Exception {
        assertUnauthorized(hook(TrustedIssuer.token(ATTACKER, JWSAlgorithm.ES384, url(HOOK))));
    }

    @Test
    void tamperedPayloadIsRefused() throws Exception {
        String[] parts = TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK)).split("\\.");
        String otherPayload = TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK), h -> {}, c -> c.subject("admin"))
                .split("\\.")[1];
        assertUnauthorized(hook(parts[0] + "." + otherPayload + "." + parts[2]));
        assertUnauthorized(hook(parts[0] + "." + parts[1] + "."));
    }

    @Test
    void algNoneIsRefused() throws Exception {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"ec-1\"}")
                .toString();
        String payload = TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK)).split("\\.")[1];
        assertUnauthorized(hook(header + "." + payload + "."));
        String upper = Base64URL.encode("{\"alg\":\"None\",\"typ\":\"JWT\",\"kid\":\"ec-1\"}")
                .toString();
        assertUnauthorized(hook(upper + "." + payload + "."));
    }

    @Test
    void hmacWithThePublicKeyAsSecretIsRefused() throws Exception {
        for (byte[] secret : List.of(
                RSA.toPublicKey().getEncoded(),
                EC.toPublicKey().getEncoded(),
                RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8))) {
            for (JWSAlgorithm alg : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384)) {
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(alg)
                                .keyID("rsa-1")
                                .type(JOSEObjectType.JWT)
                                .build(),
                        claims(url(HOOK)));
                jwt.sign(new MACSigner(secret));
                assertUnauthorized(hook(jwt.serialize()));
            }
        }
    }

    @Test
    void algorithmSwappedInTheHeaderIsRefused() throws Exception {
        // An RS384 header on an ES384 signature: the key selected by kid is of the wrong type.
        String es = TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK));
        String swapped = Base64URL.encode("{\"alg\":\"RS384\",\"typ\":\"JWT\",\"kid\":\"ec-1\"}")
                .toString();
        assertUnauthorized(hook(swapped + es.substring(es.indexOf('.'))));
    }

    @Test
    void replayedTokenIsRefused() throws Exception {
        String token = TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK));
        assertThat(hook(token).statusCode()).isEqualTo(200);
        assertUnauthorized(hook(token));
    }

    @Test
    void tokenWithoutJtiTypOrKidIsRefused() throws Exception {
        assertUnauthorized(hook(TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK), h -> {}, c -> c.jwtID(null))));
        assertUnauthorized(hook(TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK), h -> h.type(null), c -> {})));
        assertUnauthorized(hook(TrustedIssuer.token(
                EC, JWSAlgorithm.ES384, url(HOOK), h -> h.type(new JOSEObjectType("at+jwt")), c -> {})));
        assertUnauthorized(hook(TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK), h -> h.keyID(null), c -> {})));
        assertUnauthorized(
                hook(TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK), h -> {}, c -> c.expirationTime(null))));
        assertUnauthorized(
                hook(TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK), h -> {}, c -> c.issueTime(null))));
    }

    @Test
    void jkuNotOnTheIssuersListIsRefused() throws Exception {
        String token = TrustedIssuer.token(
                ATTACKER, JWSAlgorithm.ES384, url(HOOK), h -> h.jwkURL(URI.create(ISSUER.url("/evil"))), c -> {});
        assertUnauthorized(hook(token));
        assertThat(ISSUER.fetches("/evil"))
                .as("the unlisted jku is never fetched")
                .isZero();
    }

    @Test
    void embeddedJwkInTheHeaderIsIgnored() throws Exception {
        String token = TrustedIssuer.token(
                ATTACKER, JWSAlgorithm.ES384, url(HOOK), h -> h.jwk(ATTACKER.toPublicJWK()), c -> {});
        assertUnauthorized(hook(token));
    }

    @Test
    void rotatedKeyIsFetchedOnceAndUnknownKidsAreRateLimited() throws Exception {
        ECKey first = TrustedIssuer.ecKey("rot-1");
        ECKey second = TrustedIssuer.ecKey("rot-2");
        ISSUER.publish("/rotating", first.toPublicJWK());
        assertThat(hook(TrustedIssuer.token(first, JWSAlgorithm.ES384, url(HOOK), h -> {}, c -> c.issuer(ROTATING_ISS)))
                        .statusCode())
                .isEqualTo(200);
        assertThat(hook(TrustedIssuer.token(first, JWSAlgorithm.ES384, url(HOOK), h -> {}, c -> c.issuer(ROTATING_ISS)))
                        .statusCode())
                .isEqualTo(200);
        assertThat(ISSUER.fetches("/rotating"))
                .as("cached after the first fetch")
                .isEqualTo(1);

        ISSUER.publish("/rotating", first.toPublicJWK(), second.toPublicJWK());
        assertThat(hook(TrustedIssuer.token(
                                second, JWSAlgorithm.ES384, url(HOOK), h -> {}, c -> c.issuer(ROTATING_ISS)))
                        .statusCode())
                .as("an unknown kid refreshes the JWKS")
                .isEqualTo(200);
        assertThat(ISSUER.fetches("/rotating")).isEqualTo(2);

        for (int i = 0; i < 25; i++) {
            ECKey random = TrustedIssuer.ecKey("random-" + i);
            assertUnauthorized(hook(
                    TrustedIssuer.token(random, JWSAlgorithm.ES384, url(HOOK), h -> {}, c -> c.issuer(ROTATING_ISS))));
        }
        assertThat(ISSUER.fetches("/rotating"))
                .as("unknown kids cannot make the service hammer the JWKS")
                .isLessThanOrEqualTo(3);
    }

    @Test
    void corsPreflightIsAnsweredWithoutAToken() throws Exception {
        HttpResponse<String> allowed = send(request(HOOK)
                .header("Origin", SANDBOX)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(SANDBOX);
        assertThat(allowed.headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElse("")
                        .toLowerCase(Locale.ROOT))
                .contains("authorization", "content-type");

        HttpResponse<String> foreign = send(request(HOOK)
                .header("Origin", "https://evil.example.org")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void authenticatedCrossOriginCallGetsCorsHeaders() throws Exception {
        HttpResponse<String> response = send(request("/cds-services")
                .header("Origin", SANDBOX)
                .header("Authorization", "Bearer " + TrustedIssuer.token(RSA, JWSAlgorithm.RS384, url("/cds-services")))
                .GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(SANDBOX);
    }

    @Test
    void theAudienceComesFromThePublicBaseUrlNeverFromTheHostHeader() throws Exception {
        // A token for this path at the address the request was sent to, with that Host: still refused,
        // since aud must name the configured public base URL.
        String forged = TrustedIssuer.token(EC, JWSAlgorithm.ES384, "http://evil.example" + HOOK);
        String body = Scenario.load(
                        Path.of("src/test/resources/scenarios/eligible-clean-record.json"),
                        FixedClockConfiguration.TODAY)
                .request()
                .toString();
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            String head = "POST " + HOOK + " HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer " + forged
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 401");
        }
        assertThat(hook(TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTokenWithoutSubIsRefused() throws Exception {
        assertUnauthorized(hook(TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK), h -> {}, c -> c.subject(null))));
        assertUnauthorized(hook(TrustedIssuer.token(EC, JWSAlgorithm.ES384, url(HOOK), h -> {}, c -> c.subject(" "))));
    }

    @Test
    void twoAuthorizationHeadersAreRefusedEvenWhenOneIsValid() throws Exception {
        String valid = TrustedIssuer.token(EC, JWSAlgorithm.ES384, url("/cds-services"));
        assertUnauthorized(send(request("/cds-services")
                .header("Authorization", "Bearer " + valid)
                .header("Authorization", "Bearer x.y.z")
                .GET()));
    }

    @Test
    void nonCanonicalBase64urlIsRefused() throws Exception {
        String valid = TrustedIssuer.token(EC, JWSAlgorithm.ES384, url("/cds-services"));
        String[] parts = valid.split("\\.");
        String padded = parts[0] + "=".repeat((4 - parts[0].length() % 4) % 4) + "." + parts[1] + "." + parts[2] + "==";
        String standardAlphabet = valid.replace('-', '+').replace('_', '/');
        for (String token : List.of(padded, standardAlphabet, valid + ".")) {
            if (!token.equals(valid)) {
                assertUnauthorized(get("/cds-services", token));
            }
        }
        assertThat(ClientTokenVerifier.canonical(valid)).isTrue();
        // "AA" and "AB" decode to the same byte; only "AA" is its encoding ("AB" has a stray low bit)
        assertThat(ClientTokenVerifier.canonical("AA.AA.AA")).isTrue();
        assertThat(ClientTokenVerifier.canonical("AA.AA.AB")).isFalse();
        assertThat(get("/cds-services", valid).statusCode()).isEqualTo(200);
    }

    // ---- helpers

    static final String HOOK = "/cds-services/hsg-order-sign";

    private JWTClaimsSet claims(String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(TrustedIssuer.ISS)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(240)))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    private void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    /** The URL the client calls, as the token's audience names it: the configured public base URL plus the path. */
    private String url(String path) {
        return "https://cds.example.org" + path;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(request(path).header("Authorization", "Bearer " + token).GET());
    }

    private HttpResponse<String> hook(String token) throws Exception {
        String body = Scenario.load(
                        Path.of("src/test/resources/scenarios/eligible-clean-record.json"),
                        FixedClockConfiguration.TODAY)
                .request()
                .toString();
        return send(request(HOOK)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
