package org.hsgcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hsgcds.testsupport.TrustedIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With trusted issuers configured and {@code hsg.workbench.enabled} unset, the workbench is not there:
 * without a token every workbench path gets the same 401 as any other path, and even a trusted
 * client's valid token finds nothing (404).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkbenchOffWithClientTokensTest {

    @RegisterExtension
    static final TrustedIssuer ISSUER = new TrustedIssuer();

    static final ECKey KEY = TrustedIssuer.ecKey("wb-1");

    static {
        ISSUER.publish("/jwks", KEY.toPublicJWK());
    }

    @DynamicPropertySource
    static void issuers(DynamicPropertyRegistry registry) {
        ISSUER.trustedBy(registry);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withoutATokenEveryWorkbenchPathIsUnauthorized() throws Exception {
        for (String path :
                new String[] {"/", "/workbench/workbench.js", "/workbench/api/mode", "/workbench/api/rules"}) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void withAValidTokenThereIsNoWorkbench() throws Exception {
        for (String path :
                new String[] {"/", "/workbench/workbench.js", "/workbench/api/mode", "/workbench/api/rules"}) {
            assertThat(get(path, TrustedIssuer.token(KEY, JWSAlgorithm.ES384, url(path)))
                            .statusCode())
                    .as(path)
                    .isEqualTo(404);
        }
        assertThat(get("/cds-services", TrustedIssuer.token(KEY, JWSAlgorithm.ES384, url("/cds-services")))
                        .statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "https://cds.example.org" + path;
    }
}
