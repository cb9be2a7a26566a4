package org.hsgcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.hsgcds.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a caller without a token can make the service do is bounded (issue 29): with trusted issuers and
 * the read-only workbench on, its two POST endpoints take kilobytes and a bounded number of cards, a
 * rendering of hostile Markdown finishes, a body that trickles in is cut off, and an oversized body is
 * refused before it is read. Every answer is a 4xx or a 200, never a 5xx.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "hsg.security.issuers[0].iss=https://ehr.example.org",
            "hsg.security.issuers[0].jwks-url=http://127.0.0.1:9/jwks",
            "hsg.public-base-url=https://cds.example.org",
            "hsg.workbench.enabled=true",
            "hsg.security.body-read-timeout=2s"
        })
class UnauthenticatedBoundsTest {

    private static final String CONFORMANCE = "/workbench/api/conformance";
    private static final String RENDER = "/workbench/api/render";

    @LocalServerPort
    int port;

    private final HttpClient http = LocalHttp.client();

    @Test
    void theWorkbenchApiTakesKilobytesNotMegabytes() throws Exception {
        // 1.6 million empty cards in 4.8 MB exhausted the heap; 300 KB is already refused.
        String cards = "{\"cards\":[" + "{},".repeat(100_000) + "{}]}";
        for (String path : new String[] {CONFORMANCE, RENDER}) {
            HttpResponse<String> answer = post(path, cards);
            assertThat(answer.statusCode()).as(path).isEqualTo(413);
            assertThat(answer.body()).contains("hsg.workbench.max-body-size");
        }
    }

    @Test
    void theWorkbenchApiChecksABoundedNumberOfCards() throws Exception {
        String cards = "{\"cards\":[" + "{},".repeat(500) + "{}]}";
        for (String path : new String[] {CONFORMANCE, RENDER}) {
            HttpResponse<String> answer = post(path, cards);
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.body()).contains("too_many_cards");
        }
        assertThat(post(CONFORMANCE, "{\"cards\":[]}").statusCode()).isEqualTo(200);
    }

    @Test
    void hostileMarkdownRendersWithoutA5xx() throws Exception {
        String nested = ">".repeat(50_000);
        String brackets = "<".repeat(150_000);
        HttpResponse<String> answer = post(
                RENDER,
                "{\"cards\":[{\"detail\":\"" + nested + "\"},{\"detail\":\"" + brackets
                        + "\"},{\"detail\":\"![x](https://evil.example/p.png)\"}]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("<img").doesNotContain("src=");
    }

    @Test
    void aBodyThatTricklesInIsCutOff() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + CONFORMANCE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1000\r\n\r\n{\"cards\":[")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            String answer = "";
            // one byte every 300 ms, at most 40 of them (12 s): bounded whatever the service does
            for (int i = 0; i < 40 && in.available() == 0; i++) {
                Thread.sleep(300);
                try {
                    out.write(' ');
                    out.flush();
                } catch (java.io.IOException closed) {
                    break;
                }
            }
            byte[] head = in.readNBytes(12);
            answer = new String(head, StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 408");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void anOversizedBodyWithExpectContinueGets413Not100() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream()
                    .write(("POST " + CONFORMANCE + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 104857600\r\nExpect: 100-continue\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            byte[] head = socket.getInputStream().readNBytes(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
