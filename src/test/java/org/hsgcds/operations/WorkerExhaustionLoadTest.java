package org.hsgcds.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 29, bounded load test: slow-body clients (no token) that take every worker thread of the CDS port
 * make readiness OUT_OF_SERVICE on the management port, which still answers; the slow bodies are cut with
 * 408 once {@code hsg.security.body-read-timeout} has passed, and readiness comes back UP. Four workers
 * stand in for Tomcat's 200 and eight trickling connections for the attack's 200: the same exhaustion at a
 * size a test can run. Bounded by counts and a deadline, not by timing assertions.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "server.tomcat.threads.max=4",
            "server.tomcat.threads.min-spare=1",
            "server.tomcat.connection-timeout=3s",
            "hsg.security.body-read-timeout=4s"
        })
class WorkerExhaustionLoadTest {

    private static final int SLOW_CLIENTS = 8;
    private static final long DEADLINE_NANOS = 60_000_000_000L;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5))
            .build();

    @Test
    void readinessIsOutOfServiceWhileSlowBodiesHoldEveryWorkerAndUpOnceTheyAreCut() throws Exception {
        assertThat(readiness()).isEqualTo(200);

        long started = System.nanoTime();
        List<Socket> sockets = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        long outOfServiceAfter = -1;
        long upAgainAfter = -1;
        int maxBusyPolls = 0;
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(10_000);
                socket.getOutputStream()
                        .write(("POST /cds-services/any-service HTTP/1.1\r\nHost: localhost\r\n"
                                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                                .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                sockets.add(socket);
                answers.add(null);
            }
            // Trickle one byte per connection every 250 ms (under the 3 s connection timeout, so only the
            // body-read timeout can cut them), polling readiness in between, until every connection has its
            // answer and readiness is UP again; bounded by the deadline.
            while (System.nanoTime() - started < DEADLINE_NANOS) {
                boolean open = false;
                for (int i = 0; i < sockets.size(); i++) {
                    if (answers.get(i) != null) {
                        continue;
                    }
                    Socket socket = sockets.get(i);
                    InputStream in = socket.getInputStream();
                    if (in.available() > 0) {
                        answers.set(i, new String(in.readNBytes(12), StandardCharsets.US_ASCII));
                        socket.close();
                        continue;
                    }
                    open = true;
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(' ');
                        out.flush();
                    } catch (IOException closed) {
                        answers.set(i, "closed");
                    }
                }
                int readiness = readiness();
                long elapsed = (System.nanoTime() - started) / 1_000_000;
                if (readiness == 503) {
                    maxBusyPolls++;
                    if (outOfServiceAfter < 0) {
                        outOfServiceAfter = elapsed;
                    }
                } else if (readiness == 200 && outOfServiceAfter >= 0 && !open) {
                    upAgainAfter = elapsed;
                    break;
                }
                Thread.sleep(250);
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        System.out.printf(
                java.util.Locale.ROOT,
                "WorkerExhaustionLoadTest: %d slow clients, 4 workers; readiness OUT_OF_SERVICE after %d ms"
                        + " (%d polls), UP again after %d ms; answers %s%n",
                SLOW_CLIENTS,
                outOfServiceAfter,
                maxBusyPolls,
                upAgainAfter,
                answers);

        assertThat(outOfServiceAfter).as("readiness went OUT_OF_SERVICE").isNotNegative();
        assertThat(upAgainAfter).as("readiness came back UP").isGreaterThan(outOfServiceAfter);
        assertThat(answers).as("every slow body is cut with 408, never a 5xx").allMatch("HTTP/1.1 408"::equals);
        HttpResponse<String> discovery = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cds-services"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(discovery.statusCode()).isEqualTo(200);
    }

    private int readiness() throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                        .timeout(java.time.Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode();
    }
}
