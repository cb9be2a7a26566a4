package org.hsgcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.hsgcds.testsupport.LocalHttp;
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

    private final HttpClient http = LocalHttp.client();

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
    void openModeAnswersNoBrowserOriginThatIsNotConfigured() throws Exception {
        // Open loopback mode used to answer "*": any page the user visited could read the local service.
        HttpResponse<String> preflight = send(request(HOOK)
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        HttpResponse<String> read = send(request("/analytics/overrides").header("Origin", "https://evil.example"));
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void privateNetworkAccessPreflightsAreRefused() throws Exception {
        HttpResponse<String> preflight = send(request(HOOK)
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Private-Network", "true")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Private-Network"))
                .isEmpty();
    }

    @Test
    void theErrorPageIsNoRouteAndCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/error", "/error/")) {
            HttpResponse<String> response = send(request(path).GET());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .contains("nosniff");
        }
        // An error the container raises itself (an unknown path forwarded to its error page) has them too.
        HttpResponse<String> unknown = send(request("/no/such/path").GET());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void expectContinueWithAnOversizedBodyIsAnswered413Not100() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            String head = "POST " + HOOK + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 104857600\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] first = new byte[12];
            int n = socket.getInputStream().readNBytes(first, 0, first.length);
            assertThat(new String(first, 0, n, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
        }
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
