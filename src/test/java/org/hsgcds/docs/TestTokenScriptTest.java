package org.hsgcds.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * docs/scripts/make-test-jwt.sh, run as docs/integration.md says: the key it makes is served as the issuer's
 * JWKS on loopback, and the service, with that issuer configured, accepts the token it prints for the exact
 * URL called, and refuses it replayed, for another URL, from an unknown iss, and with an unlisted jku.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class TestTokenScriptTest {

    private static final String ISS = "https://ehr.test.local";
    private static final Path SCRIPT = Path.of("docs/scripts/make-test-jwt.sh");
    private static final Path DIR;
    private static final HttpServer JWKS;

    static {
        try {
            DIR = Files.createTempDirectory("hsg-test-issuer");
            // the first run makes the key and jwks.json, as a new user's would
            script("-i", ISS, "http://127.0.0.1/unused");
            JWKS = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            JWKS.createContext("/jwks.json", exchange -> {
                byte[] body = Files.readAllBytes(DIR.resolve("jwks.json"));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            JWKS.start();
        } catch (IOException | InterruptedException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("server.address", () -> "127.0.0.1");
        // With issuers the JWT audience comes from configuration only: the URL clients call, on a port chosen here.
        int servicePort = freePort();
        registry.add("server.port", () -> servicePort);
        registry.add("management.server.port", () -> 0);
        registry.add("hsg.public-base-url", () -> "http://127.0.0.1:" + servicePort);
        registry.add("hsg.security.issuers[0].iss", () -> ISS);
        registry.add(
                "hsg.security.issuers[0].jwks-url",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks.json");
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        JWKS.stop(0);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theServiceAcceptsTheScriptsTokenForTheExactUrlAndNothingElse() throws Exception {
        String url = "http://127.0.0.1:" + port + "/cds-services";
        assertThat(Files.readString(DIR.resolve("jwks.json"))).contains("\"kid\":\"test-key-1\"", "\"alg\":\"RS384\"");
        assertThat(get(url, null)).isEqualTo(401);

        String token = script("-i", ISS, url);
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(get(url, token)).as("the script's token for the URL called").isEqualTo(200);
        assertThat(get(url, token)).as("the same token again (jti replayed)").isEqualTo(401);
        assertThat(get(url, script("-i", ISS, url + "/hsg-order-sign")))
                .as("a token for another URL")
                .isEqualTo(401);
        assertThat(get(url, script("-i", "https://other.test.local", url)))
                .as("an unknown iss")
                .isEqualTo(401);
        assertThat(get(url, script("-i", ISS, "-j", "https://keys.example.org/jwks.json", url)))
                .as("an unlisted jku")
                .isEqualTo(401);
        assertThat(get(url, script("-i", ISS, "-t", "900", url)))
                .as("exp more than 5 minutes ahead")
                .isEqualTo(401);
        assertThat(get(url, script("-i", ISS, url + "/")))
                .as("a trailing slash is ignored")
                .isEqualTo(200);
    }

    private int get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String script(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), "-d", DIR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        byte[] err = process.getErrorStream().readAllBytes();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(new String(err, StandardCharsets.UTF_8))
                .isZero();
        return out;
    }
}
