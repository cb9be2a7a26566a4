package org.hsgcds.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Posting a hook request to the service under test, as an EHR does ({@code Content-Type: application/json}). */
public final class HookCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HookCalls() {}

    /** {@code POST /cds-services/{serviceId}} with this request; the answer whatever its status. */
    public static ResponseEntity<String> post(TestRestTemplate http, String serviceId, JsonNode request) {
        return postJson(http, "/cds-services/" + serviceId, request.toString());
    }

    /** {@code POST path} with this JSON text; the answer whatever its status. */
    public static ResponseEntity<String> postJson(TestRestTemplate http, String path, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(path, new HttpEntity<>(json, headers), String.class);
    }

    /** The answer's body as JSON, after checking the status is 200 (the body is shown when it is not). */
    public static JsonNode postOk(TestRestTemplate http, String serviceId, JsonNode request) {
        ResponseEntity<String> response = post(http, serviceId, request);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return read(response);
    }

    /** The answer's body as JSON. */
    public static JsonNode read(ResponseEntity<String> response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + response.getBody(), e);
        }
    }
}
