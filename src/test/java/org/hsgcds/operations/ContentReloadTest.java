package org.hsgcds.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * POST /admin/reload over a copy of the content in a directory: the token is required, a good edit
 * is put in force, a broken one is refused with the reason and the running content keeps answering; a reload is
 * refused while another replica shares the database; every hook response names the content version.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContentReloadTest {

    private static final String TOKEN = "test-admin-token-5f1c";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONTENT = copyContent();

    @Autowired
    TestRestTemplate http;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hsg.content.location", () -> CONTENT.toUri().toString());
        registry.add("hsg.admin.token", () -> TOKEN);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(CONTENT)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void reloadNeedsTheAdminToken() {
        assertThat(reload(null).getStatusCode().value()).isEqualTo(403);
        assertThat(reload("wrong").getStatusCode().value()).isEqualTo(403);
        assertThat(reload(TOKEN + "x").getStatusCode().value()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void aGoodEditIsPutInForce() throws Exception {
        Path cards = CONTENT.resolve("cql/HSGEligibility.cards.json");
        Files.writeString(cards, Files.readString(cards).replace("Hysterosalpingography", "HSG (reloaded)"));
        ResponseEntity<String> response = reload(TOKEN);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.path("status").asText()).isEqualTo("reloaded");
        assertThat(body.path("generation").asInt()).isEqualTo(2);
        assertThat(body.path("library").asText()).isEqualTo("HSGEligibility");
    }

    /** GET /fhir/Library/{id} describes the content in force: after a reload, the reloaded (translated) CQL and its ELM. */
    @Test
    @Order(3)
    void theFhirLibraryFollowsAReload() throws Exception {
        Path cql = CONTENT.resolve("cql/HSGCommon.cql");
        String good = Files.readString(cql);
        Files.writeString(cql, good + "\n// reloaded for the FHIR Library test\n");
        assertThat(reload(TOKEN).getStatusCode().value()).isEqualTo(200);
        JsonNode library = JSON.readTree(http.getForObject("/fhir/Library/HSGCommon", String.class));
        java.util.Map<String, String> content = new java.util.HashMap<>();
        for (JsonNode attachment : library.path("content")) {
            content.put(
                    attachment.path("contentType").asText(),
                    new String(
                            java.util.Base64.getDecoder()
                                    .decode(attachment.path("data").asText()),
                            java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(content.get("text/cql")).endsWith("// reloaded for the FHIR Library test\n");
        assertThat(JSON.readTree(content.get("application/elm+json"))
                        .path("library")
                        .path("identifier")
                        .path("id")
                        .asText())
                .isEqualTo("HSGCommon");
    }

    @Test
    @Order(4)
    void aBrokenEditIsRefusedAndTheRunningContentStays() throws Exception {
        Path cql = CONTENT.resolve("cql/HSGEligibility.cql");
        String good = Files.readString(cql);
        Files.writeString(cql, good + "\ndefine \"Broken\": [Condition] C where C.noSuchElement = 1 and\n");
        try {
            ResponseEntity<String> response = reload(TOKEN);
            assertThat(response.getStatusCode().value()).isEqualTo(422);
            JsonNode body = JSON.readTree(response.getBody());
            assertThat(body.path("error").asText()).isEqualTo("content_invalid");
            assertThat(body.path("message").asText()).contains("HSGEligibility");
            assertThat(body.toString()).doesNotContain(TOKEN);

            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            String request = Files.readString(Path.of("fhir-resources/examples/order-sign-pregnant.json"));
            ResponseEntity<String> answer = http.postForEntity(
                    "/cds-services/hsg-order-sign", new HttpEntity<>(request, headers), String.class);
            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(answer.getBody()).contains("\"code\":\"pregnancy\"");
        } finally {
            Files.writeString(cql, good);
        }
    }

    @Test
    @Order(5)
    void aLibraryVersionTheCardFileDoesNotExpectIsA422NamingBothVersions() throws Exception {
        Path cards = CONTENT.resolve("cql/HSGEligibility.cards.json");
        String good = Files.readString(cards);
        Files.writeString(cards, good.replace("\"libraryVersion\": \"1.0.0\"", "\"libraryVersion\": \"9.9.9\""));
        double rejectedBefore = rejected();
        try {
            ResponseEntity<String> response = reload(TOKEN);
            assertThat(response.getStatusCode().value()).isEqualTo(422);
            JsonNode body = JSON.readTree(response.getBody());
            assertThat(body.path("error").asText()).isEqualTo("content_invalid");
            assertThat(body.path("message").asText()).contains("HSGEligibility", "1.0.0", "9.9.9");
            assertThat(rejected()).isEqualTo(rejectedBefore + 1);
        } finally {
            Files.writeString(cards, good);
        }
    }

    @Test
    @Order(6)
    void everyHookResponseNamesTheContentVersionInfoShows() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String request = Files.readString(Path.of("fhir-resources/examples/order-sign-pregnant.json"));
        JsonNode answer = JSON.readTree(
                http.postForEntity("/cds-services/hsg-order-sign", new HttpEntity<>(request, headers), String.class)
                        .getBody());
        String version =
                answer.path("extension").path("org.hsgcds.content-version").asText();
        assertThat(version).matches("[0-9a-f]{16}");
        JsonNode info =
                JSON.readTree(http.getForObject("http://localhost:" + managementPort + "/actuator/info", String.class));
        assertThat(info.path("content").path("version").asText()).isEqualTo(version);
        assertThat(info.path("replicas").path("sameContent").asBoolean()).isTrue();
        assertThat(info.path("replicas").path("live").findValuesAsText("contentVersion"))
                .containsExactly(version);
    }

    @Test
    @Order(7)
    void aReloadIsRefusedWhileAnotherReplicaSharesTheDatabase() throws Exception {
        Instant now = Instant.now();
        jdbc.sql("INSERT INTO service_replica (replica_id, content_version, started_at, last_seen)"
                        + " VALUES ('other-replica-1', 'abcdef0123456789', :now, :now)")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        try {
            ResponseEntity<String> response = reload(TOKEN);
            assertThat(response.getStatusCode().value()).isEqualTo(409);
            JsonNode body = JSON.readTree(response.getBody());
            assertThat(body.path("error").asText()).isEqualTo("reload_refused");
            assertThat(body.path("message").asText()).contains("other-replica-1", "rolling restart");
        } finally {
            jdbc.sql("DELETE FROM service_replica WHERE replica_id = 'other-replica-1'")
                    .update();
        }
        // A replica not seen for longer than the heartbeat window is gone and no longer stands in the way.
        jdbc.sql("INSERT INTO service_replica (replica_id, content_version, started_at, last_seen)"
                        + " VALUES ('gone-replica', 'abcdef0123456789', :then, :then)")
                .param(
                        "then",
                        now.minus(ReplicaRegistry.GONE_AFTER.multipliedBy(2)).atOffset(ZoneOffset.UTC))
                .update();
        assertThat(reload(TOKEN).getStatusCode().value()).isEqualTo(200);
    }

    private double rejected() {
        var counter =
                meters.find("hsg.content.reloads").tag("outcome", "rejected").counter();
        return counter == null ? 0 : counter.count();
    }

    private ResponseEntity<String> reload(String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.set(AdminController.TOKEN_HEADER, token);
        }
        return http.postForEntity("/admin/reload", new HttpEntity<>(null, headers), String.class);
    }

    private static Path copyContent() {
        try {
            Path dir = Files.createTempDirectory("hsg-content-");
            for (String folder : new String[] {"cql", "fhir-resources"}) {
                Path source = Path.of(folder);
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.filter(f -> !f.toString().contains("examples"))
                            .toList()) {
                        Path target = dir.resolve(file.toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(file, target);
                        }
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
