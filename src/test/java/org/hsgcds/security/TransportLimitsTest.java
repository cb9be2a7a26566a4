package org.hsgcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/** Open (loopback) mode: body limit, content type, methods, CORS for browser clients, response headers. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "hsg.security.max-body-size=64KB")
class TransportLimitsTest {

    static final String HOOK = "/cds-services/hsg-order-sign";
    static final int LIMIT = 64 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void withoutIssuersTheServiceBindsLoopbackAndAnswersWithoutToken() throws Exception {
        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(send(request("/cds-services").GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void bodyOverTheLimitIsRefusedWhenAnnounced() throws Exception {
        HttpResponse<String> response = send(json(HOOK).POST(HttpRequest.BodyPublishers.ofString(padded(LIMIT + 1))));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"error\":\"payload_too_large\"").contains("hsg.security.max-body-size");
    }

    @Test
    void bodyOverTheLimitIsRefusedWhenStreamed() throws Exception {
        byte[] body = padded(LIMIT * 2).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> response =
                send(json(HOOK).POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"error\":\"payload_too_large\"").contains("hsg.security.max-body-size");
    }

    @Test
    void bodyJustUnderTheLimitIsRead() throws Exception {
        HttpResponse<String> response = send(json(HOOK).POST(HttpRequest.BodyPublishers.ofString(padded(LIMIT - 10))));
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        assertThat(send(request(HOOK)
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("{}")))
                        .statusCode())
                .isEqualTo(415);
        assertThat(send(request(HOOK)
                                .header("Content-Type", "application/xml")
                                .POST(HttpRequest.BodyPublishers.ofString("<a/>")))
                        .statusCode())
                .isEqualTo(415);
        assertThat(send(request(HOOK).POST(HttpRequest.BodyPublishers.ofString("{}")))
                        .statusCode())
                .isEqualTo(415);
    }

    @Test
    void duplicateKeysAreRefused() throws Exception {
        HttpResponse<String> response = send(json(HOOK)
                .POST(HttpRequest.BodyPublishers.ofString("{\"hook\":\"patient-view\",\"hook\":\"order-sign\"}")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("malformed_json");
    }

    @Test
    void otherMethodsAre405() throws Exception {
        for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> response = send(json(HOOK).method(method, HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.body()).contains("method_not_allowed");
        }
        assertThat(send(json("/cds-services").POST(HttpRequest.BodyPublishers.ofString("{}")))
                        .statusCode())
                .isEqualTo(405);
    }

    @Test
    void responsesAreNeitherStoredNorSniffed() throws Exception {
        for (HttpResponse<String> response : new HttpResponse[] {
            send(request("/cds-services").GET()),
            send(json(HOOK).POST(HttpRequest.BodyPublishers.ofString("{}"))),
            send(json(HOOK).POST(HttpRequest.BodyPublishers.ofString(padded(LIMIT + 1))))
        }) {
            assertThat(response.headers().firstValue("Cache-Control"))
                    .as(response.body())
                    .contains("no-store");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void openModeLetsAnyBrowserOriginCall() throws Exception {
        HttpResponse<String> preflight = send(request(HOOK)
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("*");
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Methods")
                        .orElse(""))
                .contains("POST");
        HttpResponse<String> delete = send(request(HOOK)
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "DELETE")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(delete.statusCode()).isEqualTo(403);
    }

    private static String padded(int length) {
        String head = "{\"hook\":\"order-sign\",\"pad\":\"";
        return head + "x".repeat(length - head.length() - 2) + "\"}";
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
    }

    private HttpRequest.Builder json(String path) {
        return request(path).header("Content-Type", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
