package org.hsgcds.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hsgcds.check.HookRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The workbench in the default open, loopback-only mode: page, assets, policy and its JSON API. */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.context.annotation.Import(org.hsgcds.testsupport.ExampleDayClock.class)
class WorkbenchApiTest {

    static final String WORKBENCH_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self';"
            + " connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;

    @Test
    void servesThePageAtTheRootWithItsOwnPolicy() {
        ResponseEntity<String> page = http.getForEntity("/", String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
                .isTrue();
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).isEqualTo(WORKBENCH_POLICY);
        assertThat(page.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.getBody())
                .contains("<script type=\"module\" src=\"/workbench/workbench.js\"></script>")
                .doesNotContain("<style", " style=", " onclick=", " onload=", "http://", "https://");
        assertThat(page.getBody().replace("<script type=\"module\" src=\"/workbench/workbench.js\"></script>", ""))
                .doesNotContain("<script");
    }

    @Test
    void servesItsAssetsUnderThePagePolicy() {
        for (String asset : WorkbenchConfiguration.ASSETS) {
            ResponseEntity<String> response = http.getForEntity("/workbench/" + asset, String.class);
            assertThat(response.getStatusCode().value()).as(asset).isEqualTo(200);
            assertThat(response.getHeaders().getFirst("Content-Security-Policy"))
                    .isEqualTo(WORKBENCH_POLICY);
            assertThat(response.getHeaders().getFirst("Cache-Control"))
                    .as(asset)
                    .isEqualTo("no-store");
            assertThat(response.getHeaders().getFirst("X-Content-Type-Options"))
                    .as(asset)
                    .isEqualTo("nosniff");
            if (asset.endsWith(".js")) {
                // a module script is run only when served with a JavaScript MIME type (and nosniff is set)
                assertThat(response.getHeaders().getContentType().toString())
                        .as(asset)
                        .matches("(text|application)/javascript(;.*)?");
            }
        }
        assertThat(http.getForEntity("/workbench/index.html", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(http.getForEntity("/workbench/../application.properties", String.class)
                        .getStatusCode()
                        .value())
                .isNotEqualTo(200);
    }

    /**
     * The read-only mode lets exactly the listed assets through, so a module missing from the list would break the
     * page there: the list is the folder, and every module's imports are assets.
     */
    @Test
    void theAssetListIsTheFolderAndEveryImportIsAnAsset() throws Exception {
        Path folder = Path.of("src/main/resources/workbench/static");
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile)
                    .forEach(
                            file -> files.add(folder.relativize(file).toString().replace('\\', '/')));
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(WorkbenchConfiguration.ASSETS);
        Pattern importFrom = Pattern.compile("^import \\{[^}]*\\} from '([^']+)';$", Pattern.MULTILINE);
        for (String module : files.stream().filter(f -> f.endsWith(".js")).toList()) {
            String source = Files.readString(folder.resolve(module), StandardCharsets.UTF_8);
            Matcher imports = importFrom.matcher(source);
            while (imports.find()) {
                String target = Path.of(module)
                        .resolveSibling(imports.group(1))
                        .normalize()
                        .toString()
                        .replace('\\', '/');
                assertThat(WorkbenchConfiguration.ASSETS)
                        .as(module + " imports " + imports.group(1))
                        .contains(target);
            }
        }
    }

    @Test
    void theApiAndTheCdsEndpointsKeepTheStrictPolicy() {
        ResponseEntity<String> rules = http.getForEntity("/workbench/api/rules", String.class);
        assertThat(rules.getHeaders().getFirst("Content-Security-Policy"))
                .isEqualTo("default-src 'none'; frame-ancestors 'none'");
        ResponseEntity<String> discovery = http.getForEntity("/cds-services", String.class);
        assertThat(discovery.getHeaders().getFirst("Content-Security-Policy"))
                .isEqualTo("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void modeSaysTheWholeWorkbenchIsOn() throws Exception {
        JsonNode mode = get("/workbench/api/mode");
        assertThat(mode.path("mode").asText()).isEqualTo("full");
        assertThat(mode.path("tryIt").asBoolean()).isTrue();
    }

    @Test
    void listsEveryExampleFile() throws Exception {
        List<String> names = new ArrayList<>();
        get("/workbench/api/examples").forEach(e -> names.add(e.path("name").asText()));
        List<String> files = new ArrayList<>();
        try (var list = Files.list(Path.of("fhir-resources/examples"))) {
            list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .forEach(n -> files.add(n.replace(".json", "")));
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(files);
        JsonNode ready = get("/workbench/api/examples/patient-ready");
        assertThat(ready.path("resourceType").asText()).isEqualTo("Bundle");
    }

    @Test
    void buildsAnOrderSelectRequestFromAPatientBundle() throws Exception {
        JsonNode bundle = JSON.readTree(Files.readString(Path.of("fhir-resources/examples/patient-pregnant.json")));
        JsonNode request = post("/workbench/api/request", body(bundle, "hsg-order-select", "2026-12-03"))
                .path("json");
        assertThat(request.path("hook").asText()).isEqualTo("order-select");
        assertThat(request.path("context").path("patientId").asText()).isEqualTo("example-pregnant");
        JsonNode order = request.path("context")
                .path("draftOrders")
                .path("entry")
                .path(0)
                .path("resource");
        assertThat(order.path("occurrenceDateTime").asText()).isEqualTo("2026-12-03");
        assertThat(request.path("context").path("selections").path(0).asText())
                .isEqualTo("ServiceRequest/" + order.path("id").asText());
        assertThat(request.path("prefetch").path("patient").path("id").asText()).isEqualTo("example-pregnant");
        assertThat(request.path("prefetch").path("conditions").path("entry")).hasSize(1);
        // the observations template searches by code: the LMP (LOINC 8665-2) is among them, as an EHR's search would
        // return it
        List<String> observations = new ArrayList<>();
        request.path("prefetch")
                .path("observations")
                .path("entry")
                .forEach(e -> observations.add(e.path("resource")
                        .path("code")
                        .path("coding")
                        .path(0)
                        .path("code")
                        .asText()));
        assertThat(observations).contains("8665-2");
        assertThat(request.path("prefetch").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "patient", "conditions", "allergies", "observations", "procedures", "devices");
        // and the service answers it as the README says of this patient
        JsonNode cards = post("/cds-services/hsg-order-select", request).path("json");
        assertThat(cards.path("cards")
                        .path(0)
                        .path("source")
                        .path("topic")
                        .path("code")
                        .asText())
                .isEqualTo("pregnancy");
    }

    @Test
    void aPatientWithoutAPlannedDateGetsAnUndatedOrderAndSchedulingAdvice() throws Exception {
        JsonNode bundle = JSON.readTree(Files.readString(Path.of("fhir-resources/examples/patient-ready.json")));
        JsonNode request = post("/workbench/api/request", body(bundle, "hsg-order-sign", ""))
                .path("json");
        JsonNode order = request.path("context")
                .path("draftOrders")
                .path("entry")
                .path(0)
                .path("resource");
        assertThat(order.has("occurrenceDateTime")).isFalse();
        List<String> topics = new ArrayList<>();
        post("/cds-services/hsg-order-sign", request)
                .path("json")
                .path("cards")
                .forEach(c ->
                        topics.add(c.path("source").path("topic").path("code").asText()));
        assertThat(topics).contains("timing").doesNotContain("eligible");
    }

    @Test
    void movesAWholeRequestToTheChosenHookAndDate() throws Exception {
        JsonNode example = JSON.readTree(Files.readString(Path.of("fhir-resources/examples/order-select-ready.json")));
        JsonNode request = post("/workbench/api/request", body(example, "hsg-order-sign", "2027-01-05"))
                .path("json");
        assertThat(request.path("hook").asText()).isEqualTo("order-sign");
        assertThat(request.path("context").has("selections")).isFalse();
        assertThat(request.path("hookInstance").asText())
                .isNotEqualTo(example.path("hookInstance").asText());
        assertThat(request.path("context")
                        .path("draftOrders")
                        .path("entry")
                        .path(0)
                        .path("resource")
                        .path("occurrenceDateTime")
                        .asText())
                .isEqualTo("2027-01-05");
        JsonNode kept = post("/workbench/api/request", body(example, "hsg-order-select", null))
                .path("json");
        assertThat(kept.path("context").path("draftOrders"))
                .isEqualTo(example.path("context").path("draftOrders"));
    }

    @Test
    void aPatientBookedOnAppointmentBookGetsAProposedHsgAppointmentOnThePlannedDay() throws Exception {
        JsonNode bundle = JSON.readTree(Files.readString(Path.of("fhir-resources/examples/patient-ready.json")));
        JsonNode request = post("/workbench/api/request", body(bundle, "hsg-appointment-book", "2026-12-03"))
                .path("json");
        assertThat(request.path("hook").asText()).isEqualTo("appointment-book");
        assertThat(request.path("context").has("draftOrders")).isFalse();
        assertThat(request.path("prefetch").has("serviceRequests")).isTrue();
        JsonNode appointment = request.path("context")
                .path("appointments")
                .path("entry")
                .path(0)
                .path("resource");
        assertThat(appointment.path("resourceType").asText()).isEqualTo("Appointment");
        assertThat(appointment.path("status").asText()).isEqualTo("proposed");
        assertThat(appointment
                        .path("serviceType")
                        .path(0)
                        .path("coding")
                        .path(0)
                        .path("code")
                        .asText())
                .isEqualTo("168884001");
        assertThat(appointment.path("start").asText()).isEqualTo("2026-12-03T09:00:00Z");
        assertThat(appointment.path("participant").path(0).path("status").asText())
                .isEqualTo("accepted");
        List<String> topics = new ArrayList<>();
        JsonNode answer = post("/cds-services/hsg-appointment-book", request);
        assertThat(answer.path("status").asInt()).isEqualTo(200);
        answer.path("json")
                .path("cards")
                .forEach(c ->
                        topics.add(c.path("source").path("topic").path("code").asText()));
        assertThat(topics).contains("eligible").doesNotContain("timing", "pregnancy");
    }

    @Test
    void movesAnAppointmentToThePlannedDayKeepingTimeOffsetAndDuration() throws Exception {
        JsonNode example = JSON.readTree(
                Files.readString(Path.of("fhir-resources/examples/appointment-book-outside-window.json")));
        JsonNode request = post("/workbench/api/request", body(example, "hsg-appointment-book", "2026-12-03"))
                .path("json");
        JsonNode appointment = request.path("context")
                .path("appointments")
                .path("entry")
                .path(0)
                .path("resource");
        assertThat(appointment.path("start").asText()).isEqualTo("2026-12-03T09:00:00+01:00");
        assertThat(appointment.path("end").asText()).isEqualTo("2026-12-03T09:45:00+01:00");
        assertThat(appointment.has("requestedPeriod"))
                .as("7-11 Dec no longer holds 3 Dec")
                .isFalse();
        JsonNode same = post("/workbench/api/request", body(example, "hsg-appointment-book", "2026-12-10"))
                .path("json");
        assertThat(same.path("context").path("appointments"))
                .isEqualTo(example.path("context").path("appointments"));
        // an appointment request is not an order request: the page says which service to choose
        JsonNode wrongHook = post("/workbench/api/request", body(example, "hsg-order-sign", null));
        assertThat(wrongHook.path("status").asInt()).isEqualTo(400);
        assertThat(wrongHook.path("json").toString()).contains("appointment-book");
    }

    @Test
    void searchTemplatesFilterByCode() {
        assertThat(HookRequests.codeFilter(
                        "Observation?patient={{context.patientId}}&code=http://loinc.org|8665-2,161716008"))
                .containsExactlyInAnyOrder("http://loinc.org|8665-2", "161716008");
        assertThat(HookRequests.codeFilter("Condition?patient={{context.patientId}}"))
                .isEmpty();
        assertThat(HookRequests.codeFilter("Patient/{{context.patientId}}")).isEmpty();
    }

    @Test
    void refusesWhatItCannotBuild() throws Exception {
        JsonNode bundle = JSON.readTree(Files.readString(Path.of("fhir-resources/examples/patient-ready.json")));
        assertThat(post("/workbench/api/request", body(bundle, "hsg-order-sign", "3 Dec"))
                        .path("status")
                        .asInt())
                .isEqualTo(400);
        assertThat(post("/workbench/api/request", body(bundle, "no-such-service", null))
                        .path("status")
                        .asInt())
                .isEqualTo(404);
        assertThat(post(
                                "/workbench/api/request",
                                body(JSON.createObjectNode().put("resourceType", "Patient"), "hsg-order-sign", null))
                        .path("status")
                        .asInt())
                .isEqualTo(400);
    }

    @Test
    void conformanceRunsTheSuitesChecks() throws Exception {
        JsonNode bad =
                JSON.readTree("{\"cards\":[{\"summary\":\"\",\"indicator\":\"urgent\",\"uuid\":\"x\",\"source\":{}}]}");
        JsonNode result = post("/workbench/api/conformance", bad).path("json");
        assertThat(result.path("conforms").asBoolean()).isFalse();
        List<String> problems = new ArrayList<>();
        result.path("problems").forEach(p -> problems.add(p.asText()));
        assertThat(problems).isEqualTo(org.hsgcds.conformance.CdsHooksConformance.specProblems(bad));
        assertThat(problems)
                .contains("cards[0].indicator must be info|warning|critical", "cards[0].summary is required")
                .doesNotContain("cards[0].uuid must be a uuid");
        JsonNode house = result.path("houseRules");
        assertThat(house.path("conforms").asBoolean()).isFalse();
        List<String> houseProblems = new ArrayList<>();
        house.path("problems").forEach(p -> houseProblems.add(p.asText()));
        assertThat(houseProblems).contains("$.cards[0].summary is an empty string", "cards[0].uuid must be a uuid");
        // Another service's response: valid CDS Hooks 2.0, without this service's uuids and topics
        JsonNode foreign = JSON.readTree("{\"cards\":[{\"summary\":\"Consider a statin\",\"indicator\":\"info\","
                + "\"source\":{\"label\":\"Another service\"}}]}");
        JsonNode checked = post("/workbench/api/conformance", foreign).path("json");
        assertThat(checked.path("conforms").asBoolean()).as(checked.toString()).isTrue();
        assertThat(checked.path("houseRules").path("conforms").asBoolean()).isFalse();
        assertThat(post("/workbench/api/conformance", JSON.readTree("{\"cards\":[]}"))
                        .path("json")
                        .path("conforms")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void rendersCardDetailWithoutRunnableHtml() throws Exception {
        JsonNode response = JSON.readTree(
                "{\"cards\":[{\"detail\":\"**Allergy** <img src=x onerror=alert(1)>\"},{\"summary\":\"no detail\"}]}");
        JsonNode details = post("/workbench/api/render", response).path("json").path("details");
        assertThat(details.get(0).asText())
                .contains("<strong>Allergy</strong>", "&lt;img")
                .doesNotContain("<img");
        assertThat(details.get(1).asText()).isEmpty();
    }

    @Test
    void rulesShowServicesTopicsValueSetsAndProtocol() throws Exception {
        JsonNode rules = get("/workbench/api/rules");
        assertThat(rules.path("services")).hasSize(3);
        assertThat(rules.path("services").findValuesAsText("hook"))
                .containsExactlyInAnyOrder("order-sign", "order-select", "appointment-book");
        List<String> topics = new ArrayList<>();
        rules.path("topics").forEach(t -> topics.add(t.path("topic").asText()));
        assertThat(topics).contains("pregnancy", "contrast-allergy", "eligible");
        JsonNode pregnancy = rules.path("topics").get(topics.indexOf("pregnancy"));
        assertThat(pregnancy.path("contraindication").asBoolean()).isTrue();
        assertThat(pregnancy.path("cards").path(0).path("indicator").asText()).isEqualTo("critical");
        assertThat(rules.path("valueSets").size()).isGreaterThan(10);
        rules.path("valueSets")
                .forEach(v -> assertThat(v.path("codes").asInt()
                                + v.path("icd10cmPrefixes").asInt())
                        .as(v.path("url").asText())
                        .isPositive());
        assertThat(rules.path("protocol").path("windowStartDay").asInt()).isEqualTo(6);
        assertThat(rules.path("protocolSource").asText()).isEqualTo("bundled");
        // summaries read as the cards will: protocol values in place, call-time values named
        int withProtocol = 0;
        for (JsonNode card : rules.path("topics").findValues("cards")) {
            for (JsonNode one : card) {
                String template = one.path("template").asText();
                String summary = one.path("summary").asText();
                assertThat(summary).as(template).doesNotContain("{{");
                java.util.regex.Matcher key = java.util.regex.Pattern.compile("\\{\\{protocol\\.([A-Za-z]+)}}")
                        .matcher(template);
                while (key.find()) {
                    withProtocol++;
                    assertThat(summary)
                            .contains(rules.path("protocol").path(key.group(1)).asText());
                }
                if (template.contains("{{plannedDate}}")) {
                    assertThat(summary).contains("‹planned date›");
                }
            }
        }
        assertThat(withProtocol).as("summaries quoting the protocol").isPositive();
        assertThat(rules.path("protocol").path("clinicContact").asText()).isNotBlank();
    }

    private ObjectNode body(JsonNode source, String service, String date) {
        ObjectNode body = JSON.createObjectNode();
        body.set("source", source);
        body.put("service", service);
        body.put("plannedDate", date);
        return body;
    }

    private JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
        return JSON.readTree(response.getBody());
    }

    /** @return {"status": ..., "json": body} */
    private JsonNode post(String path, JsonNode body) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response =
                http.postForEntity(path, new HttpEntity<>(JSON.writeValueAsString(body), headers), String.class);
        ObjectNode result =
                JSON.createObjectNode().put("status", response.getStatusCode().value());
        result.set("json", JSON.readTree(response.getBody()));
        return result;
    }
}
