package org.hsgcds.feedback;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A small HTTP client for the feedback tests: posts feedback and hook calls, reads JSON answers. */
final class FeedbackHttp {

    /** Keeps decimals as written, so a rate sent as 0.500 reads back as 0.500. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    static final String SERVICE = "hsg-order-sign";

    record Answer(int status, JsonNode body) {}

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    FeedbackHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Answer post(String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return answer(client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    Answer get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        return answer(client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    Answer feedback(List<ObjectNode> items) throws IOException, InterruptedException {
        return post("/cds-services/" + SERVICE + "/feedback", body(items));
    }

    static ObjectNode body(List<ObjectNode> items) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode array = body.putArray("feedback");
        items.forEach(array::add);
        return body;
    }

    static ObjectNode overridden(String card, String timestamp) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("card", card).put("outcome", "overridden").put("outcomeTimestamp", timestamp);
        return item;
    }

    static ObjectNode overridden(String card, String timestamp, String system, String code, String display) {
        ObjectNode item = overridden(card, timestamp);
        ObjectNode reason = item.putObject("overrideReason");
        reason.putObject("reason").put("system", system).put("code", code).put("display", display);
        reason.put("userComment", "test comment");
        return item;
    }

    static ObjectNode accepted(String card, String timestamp, String suggestion) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("card", card).put("outcome", "accepted").put("outcomeTimestamp", timestamp);
        item.putArray("acceptedSuggestions").addObject().put("id", suggestion);
        return item;
    }

    private static Answer answer(HttpResponse<String> response) throws IOException {
        String text = response.body();
        return new Answer(response.statusCode(), text == null || text.isBlank() ? null : JSON.readTree(text));
    }
}
