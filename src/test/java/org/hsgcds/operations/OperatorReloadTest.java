package org.hsgcds.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With trusted issuers configured, the service port wants a client JWT before it even looks at the admin token;
 * an operator, who holds no such JWT, reloads on the management port with the admin token alone.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperatorReloadTest {

    private static final String TOKEN = "operator-token-7d2e";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("hsg.admin.token", () -> TOKEN);
        registry.add("hsg.public-base-url", () -> "https://hsg-cds.example.org");
        registry.add("hsg.security.issuers[0].iss", () -> "https://ehr.example.org");
        registry.add("hsg.security.issuers[0].jwks-url", () -> "https://ehr.example.org/jwks");
    }

    @Test
    void theServicePortWantsAClientJwtEvenWithTheAdminToken() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(AdminController.TOKEN_HEADER, TOKEN);
        ResponseEntity<String> response =
                http.postForEntity("/admin/reload", new HttpEntity<>(null, headers), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void theManagementPortReloadsWithTheAdminTokenAlone() throws Exception {
        ResponseEntity<String> response = managementReload("{\"token\":\"" + TOKEN + "\"}");
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getBody());
        assertThat(body.path("status").asText()).isEqualTo("reloaded");
        JsonNode info =
                JSON.readTree(http.getForObject("http://localhost:" + managementPort + "/actuator/info", String.class));
        assertThat(body.path("contentVersion").asText())
                .matches("[0-9a-f]{16}")
                .isEqualTo(info.path("content").path("version").asText());
    }

    @Test
    void theManagementPortRefusesAWrongOrMissingToken() throws Exception {
        for (String body : new String[] {"{\"token\":\"wrong\"}", "{}"}) {
            ResponseEntity<String> response = managementReload(body);
            assertThat(response.getStatusCode().value()).isEqualTo(403);
            assertThat(JSON.readTree(response.getBody()).path("error").asText()).isEqualTo("forbidden");
        }
    }

    private ResponseEntity<String> managementReload(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(
                "http://localhost:" + managementPort + "/actuator/reload",
                new HttpEntity<>(body, headers),
                String.class);
    }
}
