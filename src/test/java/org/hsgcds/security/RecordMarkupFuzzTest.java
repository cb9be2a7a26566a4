package org.hsgcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.HsgServiceTest;
import org.hsgcds.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Record text is data, never markup (issue 29): Markdown and HTML payloads put into every record string
 * that reaches a card (a Condition's text, a coding's display, system and code, an allergy's text, a
 * result's unit, a resource id) through real hook calls. Each card must hold exactly the links, images,
 * headings, HTML, code and lists the same card holds for a plain record, no control or bidi
 * character, and stay short.
 */
@HsgServiceTest
class RecordMarkupFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INVISIBLE =
            Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F\\u202A-\\u202E\\u2066-\\u2069]");
    private static final String PLAIN = "plain words";

    @LocalServerPort
    int port;

    private final HttpClient http = LocalHttp.client();

    /** A scenario file and where its record takes the payload. */
    private record Path3(String file, BiConsumer<ObjectNode, String> plant) {}

    private static final List<Path3> PATHS = List.of(
            new Path3("pregnancy-duplicate-evidence-one-card.json", (resource, p) -> {
                if ("preg-snomed".equals(resource.path("id").asText())) {
                    ObjectNode code = (ObjectNode) resource.get("code");
                    code.put("text", "Pregnant " + p);
                    ArrayNode codings = (ArrayNode) code.get("coding");
                    ((ObjectNode) codings.get(0)).put("display", p);
                    codings.addObject().put("system", p).put("code", p).put("display", p);
                }
                if ("preg-icd".equals(resource.path("id").asText())) {
                    // no text: the display is what the line quotes
                    ((ObjectNode) resource.get("code").get("coding").get(0)).put("display", p);
                }
            }),
            new Path3("contrast-allergy-text-only-omnipaque-warning.json", (resource, p) -> {
                if ("allergy".equals(resource.path("id").asText())) {
                    ((ObjectNode) resource.get("code")).put("text", "Allergy to Omnipaque contrast " + p);
                }
            }),
            new Path3("pregnancy-hcg-30-ng-ml-indeterminate.json", (resource, p) -> {
                if ("hcg".equals(resource.path("id").asText())) {
                    ((ObjectNode) resource.get("valueQuantity")).put("unit", "ng/mL " + p);
                }
            }));

    @Test
    void markupInRecordTextNeverBecomesMarkupInACard() throws Exception {
        List<String> problems = new ArrayList<>();
        int calls = 0;
        for (Path3 path : PATHS) {
            Map<String, JsonNode> plain = cards(path, PLAIN);
            assertThat(plain).as(path.file()).isNotEmpty();
            for (String payload : MarkupPayloads.PAYLOADS) {
                Map<String, JsonNode> hostile = cards(path, payload);
                calls++;
                String label = path.file() + " with " + clip(payload);
                if (!hostile.keySet().equals(plain.keySet())) {
                    problems.add(label + ": cards " + hostile.keySet() + " instead of " + plain.keySet());
                    continue;
                }
                for (Map.Entry<String, JsonNode> card : hostile.entrySet()) {
                    String detail = card.getValue().path("detail").asText();
                    String summary = card.getValue().path("summary").asText();
                    Map<String, Integer> expected = withoutEmphasis(MarkupPayloads.census(
                            plain.get(card.getKey()).path("detail").asText()));
                    Map<String, Integer> found = withoutEmphasis(MarkupPayloads.census(detail));
                    if (!found.equals(expected)) {
                        problems.add(label + ": " + card.getKey() + " makes " + found + " instead of " + expected);
                    }
                    if (INVISIBLE.matcher(detail + summary).find()) {
                        problems.add(label + ": " + card.getKey() + " carries a control or bidi character");
                    }
                    if (detail.length() > 8_000) {
                        problems.add(label + ": " + card.getKey() + " detail of " + detail.length() + " characters");
                    }
                }
            }
        }
        System.out.println("Record markup fuzz: " + calls + " hook calls, " + problems.size() + " problems");
        assertThat(problems).isEmpty();
    }

    @Test
    void aLongEvidenceListIsCutWithACount() throws Exception {
        Scenario scenario = Scenario.load(
                Path.of("src/test/resources/scenarios/pregnancy-duplicate-evidence-one-card.json"),
                FixedClockConfiguration.TODAY);
        ObjectNode request = scenario.request();
        ArrayNode entries =
                (ArrayNode) request.path("prefetch").path("conditions").path("entry");
        ObjectNode template = (ObjectNode) entries.get(0).path("resource");
        for (int i = 0; i < 500; i++) {
            ObjectNode copy = template.deepCopy();
            copy.put("id", "preg-" + i);
            ((ObjectNode) copy.get("code")).put("text", "Pregnancy number " + i);
            entries.addObject().set("resource", copy);
        }
        JsonNode pregnancy = post(request).get("pregnancy");

        String detail = pregnancy.path("detail").asText();
        assertThat(detail).contains("… and ").doesNotContain("Pregnancy number 499");
        assertThat(detail.lines().filter(l -> l.startsWith("- ")).count()).isLessThanOrEqualTo(21);
        assertThat(detail.length()).isLessThan(8_000);
    }

    private Map<String, JsonNode> cards(Path3 path, String payload) throws Exception {
        Scenario scenario =
                Scenario.load(Path.of("src/test/resources/scenarios/" + path.file()), FixedClockConfiguration.TODAY);
        ObjectNode request = scenario.request();
        for (JsonNode value : request.path("prefetch")) {
            for (JsonNode entry : value.path("entry")) {
                if (entry.path("resource") instanceof ObjectNode resource) {
                    path.plant().accept(resource, payload);
                }
            }
        }
        return post(request);
    }

    private Map<String, JsonNode> post(ObjectNode request) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + HostileInputs.HOOK))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> byTopic = new TreeMap<>();
        for (JsonNode card : JSON.readTree(response.body()).path("cards")) {
            byTopic.put(card.path("source").path("topic").path("code").asText(), card);
        }
        return byTopic;
    }

    /** Emphasis is the one structure a composed note may keep from its content (RecordText.composed). */
    private static Map<String, Integer> withoutEmphasis(Map<String, Integer> census) {
        Map<String, Integer> rest = new TreeMap<>(census);
        rest.remove("Emphasis");
        rest.remove("StrongEmphasis");
        return rest;
    }

    private static String clip(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > 40 ? flat.substring(0, 40) + "…" : flat;
    }
}
