package org.hsgcds.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hsgcds.HsgCdsApplication;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A site's protocol file ({@code hsg.protocol.location}) is in force from start-up, shown in
 * {@code /actuator/info} with where it came from, re-read on reload (a bad edit is refused and the
 * running protocol stays); an out-of-range value stops start-up with a message naming the parameter.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteProtocolEndpointsTest {

    private static final String TOKEN = "test-admin-token-protocol";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROTOCOL = siteFile();

    @Autowired
    TestRestTemplate http;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hsg.protocol.location", () -> "file:" + PROTOCOL);
        registry.add("hsg.admin.token", () -> TOKEN);
    }

    @Test
    @Order(1)
    void infoShowsTheSiteProtocolAndWhereItCameFrom() throws Exception {
        JsonNode protocol = protocolInForce();

        assertThat(protocol.path("loadedFrom").asText()).isEqualTo("file:" + PROTOCOL);
        assertThat(protocol.path("windowStartDay").asInt()).isEqualTo(5);
        assertThat(protocol.path("windowEndDay").asInt()).isEqualTo(10);
        assertThat(protocol.path("recentEventDays").asInt()).isEqualTo(56);
        assertThat(protocol.path("hcgRecencyDays").asInt()).isZero();
        assertThat(protocol.path("hcgPositiveThreshold").decimalValue())
                .as("a default")
                .isEqualByComparingTo("25");
        assertThat(protocol.path("prophylaxisRegimen").asText()).startsWith("Doxycycline");
        assertThat(protocol.path("aftercareText").asText()).contains("tub bath");
    }

    @Test
    @Order(2)
    void reloadRefusesABadProtocolAndKeepsTheRunningOne() throws Exception {
        Files.writeString(PROTOCOL, "{\"hcgRecencyDays\": 30}");

        ResponseEntity<String> response = reload();

        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getBody()).contains("hcgRecencyDays is 30; allowed: 0..14");
        assertThat(protocolInForce().path("hcgRecencyDays").asInt()).isZero();
        assertThat(protocolInForce().path("windowStartDay").asInt()).isEqualTo(5);
    }

    @Test
    @Order(3)
    void reloadPutsAnEditedProtocolInForce() throws Exception {
        Files.writeString(PROTOCOL, "{\"hcgRecencyDays\": 3}");

        assertThat(reload().getStatusCode().value()).isEqualTo(200);

        JsonNode protocol = protocolInForce();
        assertThat(protocol.path("hcgRecencyDays").asInt()).isEqualTo(3);
        assertThat(protocol.path("windowStartDay").asInt())
                .as("no longer in the file: back to the default")
                .isEqualTo(6);
    }

    @Test
    void outOfRangeValueStopsStartUpNamingTheParameter(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"windowStartDay\": 0}");
        SpringApplicationBuilder app = new SpringApplicationBuilder(HsgCdsApplication.class)
                .properties(
                        "hsg.protocol.location=file:" + bad,
                        "server.port=0",
                        "management.server.port=0",
                        "hsg.data-dir=" + dir);

        assertThatThrownBy(app::run).rootCause().hasMessageContaining("windowStartDay is 0; allowed: 1..20");
    }

    private JsonNode protocolInForce() throws IOException {
        String info = http.getForObject("http://localhost:" + managementPort + "/actuator/info", String.class);
        return JSON.readTree(info).path("content").path("protocol");
    }

    private ResponseEntity<String> reload() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(AdminController.TOKEN_HEADER, TOKEN);
        return http.postForEntity("/admin/reload", new HttpEntity<>(null, headers), String.class);
    }

    private static Path siteFile() {
        try {
            Path file = Files.createTempFile("hsg-protocol-", ".json");
            file.toFile().deleteOnExit();
            return Files.writeString(file, Files.readString(Path.of("src/test/resources/protocol/second-site.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
