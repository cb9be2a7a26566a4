package org.hsgcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.HsgServiceTest;
import org.hsgcds.testsupport.LocalHttp;
import org.hsgcds.testsupport.TrustedIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole scenario suite, sent with client JWTs, a FHIR access token and patient names, with our
 * own logging at DEBUG: neither tokens nor names may appear in the log, including when a token is refused.
 */
@HsgServiceTest(properties = "logging.level.org.hsgcds=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class LogRedactionTest {

    @RegisterExtension
    static final TrustedIssuer ISSUER = new TrustedIssuer();

    static final ECKey KEY = TrustedIssuer.ecKey("log-1");
    static final String ACCESS_TOKEN = "fhir-access-" + UUID.randomUUID();

    static {
        ISSUER.publish("/jwks", KEY.toPublicJWK());
    }

    @DynamicPropertySource
    static void issuers(DynamicPropertyRegistry registry) {
        ISSUER.trustedBy(registry);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = LocalHttp.client();

    @Test
    void neitherTokensNorPatientNamesReachTheLog(CapturedOutput output) throws Exception {
        List<String> secrets = new ArrayList<>(List.of(ACCESS_TOKEN));
        List<String> names = new ArrayList<>();
        for (var file : Scenario.files(Path.of("src/test/resources/scenarios"))) {
            Scenario scenario = Scenario.load(file, FixedClockConfiguration.TODAY);
            ObjectNode request = scenario.request();
            request.putObject("fhirAuthorization")
                    .put("access_token", ACCESS_TOKEN)
                    .put("token_type", "Bearer")
                    .put("expires_in", 300)
                    .put("scope", "patient/*.read")
                    .put("subject", "cds-service");
            for (JsonNode resource : scenario.resources()) {
                if ("Patient".equals(resource.path("resourceType").asText())) {
                    resource.path("name").forEach(n -> {
                        names.add(n.path("family").asText());
                        n.path("given").forEach(g -> names.add(g.asText()));
                    });
                }
            }
            String path = "/cds-services/" + scenario.serviceId();
            String good = TrustedIssuer.token(KEY, JWSAlgorithm.ES384, url(path));
            String expired = TrustedIssuer.token(
                    KEY,
                    JWSAlgorithm.ES384,
                    url(path),
                    h -> {},
                    c -> c.issueTime(Date.from(Instant.now().minusSeconds(900)))
                            .expirationTime(Date.from(Instant.now().minusSeconds(600))));
            secrets.add(good);
            secrets.add(expired);
            assertThat(post(path, good, request).statusCode())
                    .isEqualTo(scenario.expect().path("status").asInt(200));
            assertThat(post(path, good, request).statusCode()).as("replay").isEqualTo(401);
            assertThat(post(path, expired, request).statusCode()).isEqualTo(401);
        }
        names.removeIf(String::isBlank);
        assertThat(names).contains("Testpatient", "Hanna");
        String log = output.getAll();
        assertThat(log).contains("Unauthorized POST");
        for (String secret : secrets) {
            for (String part : secret.split("\\.")) {
                assertThat(log).as("a token or a part of one is in the log").doesNotContain(part);
            }
        }
        assertThat(log).doesNotContain(names.toArray(String[]::new));
    }

    private HttpResponse<String> post(String path, String jwt, ObjectNode request) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + jwt)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "https://cds.example.org" + path;
    }
}
