package org.hsgcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.hsgcds.orchestration.CpuSlots;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 29: the CPU slots bound what waits for them. With one slot, held by the test: a workbench render
 * (no token) waits at most {@code hsg.workbench.render-slot-wait} and is answered 503 with a JSON body; a hook
 * call waits at most {@code hsg.evaluation.max-slot-wait}, is answered 503 and its cards are not recorded as
 * issued; a hook call whose client hangs up while it waits is not evaluated and nothing is recorded. A call
 * whose client stays is answered 200 and recorded, so the checks are not always "gone".
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "hsg.evaluation.slots=1",
            "hsg.evaluation.max-slot-wait=3s",
            "hsg.workbench.render-slot-wait=300ms"
        })
@Import(FixedClockConfiguration.class)
class SlotAdmissionTest {

    @LocalServerPort
    int port;

    @Autowired
    CpuSlots slots;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = LocalHttp.client();

    private static boolean warm;

    /** The first hook call derives the content's views and runs cold: not while a slot is held. */
    @org.junit.jupiter.api.BeforeEach
    void warmUp() throws Exception {
        if (!warm) {
            assertThat(post("/cds-services/" + eligible().serviceId(), hookCall("d1a0c5e2-0000-4000-8000-0000000000aa"))
                            .statusCode())
                    .isEqualTo(200);
            warm = true;
        }
    }

    @Test
    void aRenderWaitsBoundedlyForASlotThen503sAndRendersOnceOneIsFree() throws Exception {
        String cards = "{\"cards\":[{\"detail\":\"**bold**\"}]}";
        HttpResponse<String> busy;
        try (CpuSlots.Held ignored = slots.hold()) {
            busy = post("/workbench/api/render", cards);
        }
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(busy.body()).contains("\"error\":\"busy\"");
        HttpResponse<String> free = post("/workbench/api/render", cards);
        assertThat(free.statusCode()).isEqualTo(200);
        assertThat(free.body()).contains("<strong>bold</strong>");
    }

    @Test
    void aHookCallThatWaitsTooLongIs503AndNotRecordedAsIssued() throws Exception {
        String instance = "d1a0c5e2-0000-4000-8000-000000000001";
        HttpResponse<String> busy;
        try (CpuSlots.Held ignored = slots.hold()) {
            busy = post("/cds-services/" + eligible().serviceId(), hookCall(instance));
        }
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.body()).contains("\"error\":\"busy\"");
        awaitRecordedControlCall("d1a0c5e2-0000-4000-8000-0000000000c1");
        assertThat(issuedFor(instance)).isZero();
    }

    @Test
    void aHookCallWhoseClientHungUpWhileWaitingIsNotEvaluatedNorRecorded() throws Exception {
        String instance = "d1a0c5e2-0000-4000-8000-000000000002";
        byte[] body = hookCall(instance).getBytes(StandardCharsets.UTF_8);
        try (CpuSlots.Held ignored = slots.hold()) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /cds-services/" + eligible().serviceId() + " HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                Thread.sleep(400); // the call is read and waits for the slot the test holds
            }
            Thread.sleep(800); // within the 3 s slot wait: only the hang-up can stop it
        }
        awaitRecordedControlCall("d1a0c5e2-0000-4000-8000-0000000000c2");
        assertThat(issuedFor(instance))
                .as("cards of a call whose client hung up")
                .isZero();
    }

    /** A call whose client waits: 200 with cards, and its cards are recorded (the recorder writes in order). */
    private void awaitRecordedControlCall(String instance) throws Exception {
        HttpResponse<String> answer = post("/cds-services/" + eligible().serviceId(), hookCall(instance));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"cards\"");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (issuedFor(instance) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(issuedFor(instance)).isPositive();
    }

    private int issuedFor(String instance) {
        return jdbc.sql("SELECT COUNT(*) FROM issued_card WHERE hook_instance = ?")
                .param(instance)
                .query(Integer.class)
                .single();
    }

    private static Scenario eligible() {
        return Scenario.load(
                Path.of("src/test/resources/scenarios/eligible-clean-record.json"), FixedClockConfiguration.TODAY);
    }

    private static String hookCall(String instance) {
        ObjectNode request = eligible().request();
        request.put("hookInstance", instance);
        return request.toString();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(120))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
