package org.hsgcds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.hsgcds.conformance.CdsHooksConformance;
import org.hsgcds.testsupport.HookRequest;
import org.hsgcds.testsupport.HsgServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Synthea 3.3.0 patients (src/test/resources/synthea, made by bench/synthea/sample.py): each is sent
 * as an order-sign request and the answer is checked against what the DATA holds, not against
 * stored results. Every date in a sample is shifted by (today − the sample's reference date) on
 * load, so "28 days after the childbirth" stays 28 days whatever the calendar says.
 *
 * <ul>
 * <li>a delivery/abortion/miscarriage/curettage code dated 0–41 days before the planned date →
 * a {@code recent-uterine-event} critical card and no {@code eligible}; dated only by when it was recorded →
 * no {@code eligible};</li>
 * <li>a pregnancy Condition active on the planned date (not inactive, resolved or remission; no abatement
 * by then) → a {@code pregnancy} critical card;</li>
 * <li>{@code eligible} never beside a critical card; every answer conforms to CDS Hooks.</li>
 * </ul>
 *
 * <p>The codes, statuses and dating rules are {@link SyntheaOracle}'s, from the data file that
 * {@code bench/synthea/check.py} judges the whole Synthea population by.
 */
@HsgServiceTest
class SyntheaSampleTest {

    static final Path DIR = Path.of("src/test/resources/synthea");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String SNOMED = "http://snomed.info/sct";
    private static final Pattern DATE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})(T.*)?$");

    /** The codes, statuses and dating rules the answers are judged by, shared with bench/synthea (see there). */
    static final SyntheaOracle ORACLE = SyntheaOracle.load();

    @Autowired
    TestRestTemplate http;

    /** One sample file: the record and planned date, dates already shifted to the test's today. */
    record Sample(String name, LocalDate plannedDate, ObjectNode patient, List<JsonNode> resources) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Sample> samples() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files
                    .filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .map(SyntheaSampleTest::load)
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Sample load(Path file) {
        try {
            JsonNode json = JSON.readTree(file.toFile());
            LocalDate reference = LocalDate.parse(json.path("referenceDate").asText());
            long shift = ChronoUnit.DAYS.between(reference, FixedClockConfiguration.TODAY);
            JsonNode shifted = shiftDates(json, shift);
            List<JsonNode> resources = new ArrayList<>();
            shifted.path("resources").forEach(resources::add);
            String name = file.getFileName().toString().replace(".json", "");
            return new Sample(
                    name,
                    LocalDate.parse(shifted.path("plannedDate").asText()),
                    (ObjectNode) shifted.path("patient"),
                    resources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every string that is a FHIR date or dateTime moves by {@code days}; time and offset stay. */
    static JsonNode shiftDates(JsonNode node, long days) {
        if (node.isTextual()) {
            Matcher m = DATE.matcher(node.asText());
            if (m.matches()) {
                try {
                    String date = LocalDate.parse(m.group(1)).plusDays(days).toString();
                    return TextNode.valueOf(date + (m.group(2) == null ? "" : m.group(2)));
                } catch (DateTimeParseException notADate) {
                    return node;
                }
            }
            return node;
        }
        if (node.isObject()) {
            ObjectNode copy = F.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), shiftDates(e.getValue(), days));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = F.arrayNode();
            node.forEach(n -> copy.add(shiftDates(n, days)));
            return copy;
        }
        return node;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void answerFollowsTheData(Sample sample) throws Exception {
        ResponseEntity<String> response = post(request(sample));
        assertThat(response.getStatusCode().value())
                .as("HTTP status; body %s", response.getBody())
                .isEqualTo(200);
        JsonNode body = JSON.readTree(response.getBody());
        List<String> cards = new ArrayList<>();
        body.path("cards")
                .forEach(c ->
                        cards.add(c.path("source").path("topic").path("code").asText() + "/"
                                + c.path("indicator").asText()));
        boolean eligible = cards.stream().anyMatch(c -> c.startsWith("eligible/"));
        List<SyntheaOracle.Event> recent = recentEvents(sample);
        List<SyntheaOracle.Event> uncertain = ORACLE.uncertainEvents(sample.resources(), sample.plannedDate());
        List<String> pregnant = activePregnancies(sample);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(CdsHooksConformance.problems(body))
                .as("CDS Hooks conformance")
                .isEmpty();
        if (eligible) {
            soft.assertThat(cards).as("eligible beside a critical card").noneMatch(c -> c.endsWith("/critical"));
        }
        if (!recent.isEmpty()) {
            soft.assertThat(cards)
                    .as("record holds %s before planned date %s", recent, sample.plannedDate())
                    .contains("recent-uterine-event/critical")
                    .noneMatch(c -> c.startsWith("eligible/"));
        }
        if (!uncertain.isEmpty()) {
            soft.assertThat(cards)
                    .as("record holds %s, dated uncertainly, before planned date %s", uncertain, sample.plannedDate())
                    .noneMatch(c -> c.startsWith("eligible/"));
        }
        if (!pregnant.isEmpty()) {
            soft.assertThat(cards)
                    .as("active pregnancy Condition %s on %s", pregnant, sample.plannedDate())
                    .contains("pregnancy/critical");
        }
        soft.assertAll();
    }

    /** The sample is there to exercise these codes: a regenerated sample must still hold them. */
    @Test
    void sampleExercisesChildbirthMiscarriagePregnancyAndChronicDisease() {
        List<Sample> all = samples().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(6);
        assertThat(all)
                .as("28 days after a Synthea 3.3.0 Childbirth procedure (66348005)")
                .anyMatch(s ->
                        recentEvents(s).stream().anyMatch(e -> e.code().equals("66348005") && e.daysBefore() == 28));
        assertThat(all)
                .as("a miscarriage Condition")
                .anyMatch(s -> has(
                        s,
                        "Condition",
                        Set.of("17369002", "156073000", "156072005", "16607004", "19169002", "85116003")));
        assertThat(all)
                .as("an active pregnancy")
                .anyMatch(s -> !activePregnancies(s).isEmpty());
        assertThat(all)
                .as("an active chronic disorder (kidney disease, hypertension, diabetes)")
                .anyMatch(s -> s.resources().stream()
                        .anyMatch(r -> "Condition".equals(r.path("resourceType").asText())
                                && "active"
                                        .equals(r.path("clinicalStatus")
                                                .path("coding")
                                                .path(0)
                                                .path("code")
                                                .asText())
                                && codes(r).stream()
                                        .anyMatch(c -> Set.of(
                                                        "431855005",
                                                        "431856006",
                                                        "433144002",
                                                        "59621000",
                                                        "44054006",
                                                        "127013003",
                                                        "91302008",
                                                        "46177005")
                                                .contains(c.path("code").asText()))));
        assertThat(all)
                .as("an answer that may be eligible (no recent event, no pregnancy)")
                .anyMatch(s -> recentEvents(s).isEmpty() && activePregnancies(s).isEmpty());
    }

    /** "code Type/id N days" for each counted event certainly dated 0–41 days before the planned date. */
    static List<SyntheaOracle.Event> recentEvents(Sample s) {
        return ORACLE.recentEvents(s.resources(), s.plannedDate());
    }

    /** Pregnancy Conditions active on the planned date (see {@link SyntheaOracle#activePregnancies}). */
    static List<String> activePregnancies(Sample s) {
        return ORACLE.activePregnancies(s.resources(), s.plannedDate());
    }

    private static boolean has(Sample s, String type, Set<String> codes) {
        return s.resources().stream()
                .anyMatch(r -> type.equals(r.path("resourceType").asText())
                        && codes(r).stream()
                                .anyMatch(c -> codes.contains(c.path("code").asText())));
    }

    private static List<JsonNode> codes(JsonNode r) {
        List<JsonNode> out = new ArrayList<>();
        r.path("code").path("coding").forEach(out::add);
        return out;
    }

    static ObjectNode request(Sample s) {
        return HookRequest.orderSign()
                .hookInstance(UUID.nameUUIDFromBytes(s.name().getBytes(StandardCharsets.UTF_8))
                        .toString())
                .userId("Practitioner/synthea-sample")
                .patient(s.patient())
                .plannedDate(s.plannedDate())
                .resources(s.resources())
                .fullUrls("urn:hsg-cds:synthea/")
                .build();
    }

    private ResponseEntity<String> post(ObjectNode request) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(
                "/cds-services/hsg-order-sign", new HttpEntity<>(request.toString(), headers), String.class);
    }
}
