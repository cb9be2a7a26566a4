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
 * a {@code recent-uterine-event} critical card and no {@code eligible};</li>
 * <li>a pregnancy Condition active on the planned date (clinical status active, no abatement) →
 * a {@code pregnancy} critical card;</li>
 * <li>{@code eligible} never beside a critical card; every answer conforms to CDS Hooks.</li>
 * </ul>
 */
@HsgServiceTest
class SyntheaSampleTest {

    static final Path DIR = Path.of("src/test/resources/synthea");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final Pattern DATE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})(T.*)?$");
    private static final int RECENT_DAYS = 42;

    /** Delivery, abortion, miscarriage, curettage (RULES.md version 2), Synthea 3.3.0's births included. */
    static final Set<String> EVENT_SNOMED = Set.of(
            "66348005",
            "65588006",
            "386216000",
            "367494004",
            "236973005",
            "177184002",
            "11466000",
            "236974004",
            "289259007",
            "17369002",
            "156073000",
            "156072005",
            "16607004",
            "19169002",
            "85116003",
            "714812005",
            "39406005",
            "13091001",
            "76810006",
            "176820000",
            "391897002",
            "28379004",
            "391998006");

    static final List<String> EVENT_ICD10 =
            List.of("O00", "O01", "O02", "O03", "O04", "O05", "O06", "O07", "O08", "O80", "O82", "Z37");
    static final Set<String> PREGNANCY_SNOMED = Set.of("77386006", "72892002", "47200007");
    /** Z33.1, Z34, Z3A, O09, O10–O48 (conditions of pregnancy), Z32.01 (RULES.md version 2). */
    static final List<String> PREGNANCY_ICD10 = Stream.concat(
                    Stream.of("Z33.1", "Z34", "Z3A", "O09", "Z32.01"),
                    java.util.stream.IntStream.rangeClosed(10, 48).mapToObj(n -> "O" + n))
            .toList();

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
        List<String> recent = recentEvents(sample);
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
                        recentEvents(s).stream().anyMatch(e -> e.startsWith("66348005 ") && e.contains(" 28 days")));
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

    /** "code date (N days)" for each counted event dated 0–41 days before the planned date. */
    static List<String> recentEvents(Sample s) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : s.resources()) {
            String type = r.path("resourceType").asText();
            if (!Set.of("Condition", "Procedure", "Observation").contains(type) || !counts(r)) {
                continue;
            }
            for (JsonNode c : codes(r)) {
                String system = c.path("system").asText();
                String code = c.path("code").asText();
                boolean event = SNOMED.equals(system) && EVENT_SNOMED.contains(code)
                        || ICD10.equals(system) && EVENT_ICD10.stream().anyMatch(code::startsWith);
                LocalDate date = startDate(r);
                if (event && date != null) {
                    long days = ChronoUnit.DAYS.between(date, s.plannedDate());
                    if (days >= 0 && days < RECENT_DAYS) {
                        out.add(code + " " + type + "/" + r.path("id").asText() + " " + days + " days");
                    }
                    break;
                }
            }
        }
        return out;
    }

    /** Pregnancy Conditions with clinical status active, no abatement, onset on or before the planned date. */
    static List<String> activePregnancies(Sample s) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : s.resources()) {
            if (!"Condition".equals(r.path("resourceType").asText())
                    || !counts(r)
                    || !"active"
                            .equals(r.path("clinicalStatus")
                                    .path("coding")
                                    .path(0)
                                    .path("code")
                                    .asText())
                    || r.has("abatementDateTime")
                    || r.has("abatementPeriod")
                    || r.has("abatementAge")
                    || r.has("abatementString")
                    || r.has("abatementRange")) {
                continue;
            }
            LocalDate onset = startDate(r);
            boolean pregnancy = codes(r).stream()
                    .anyMatch(c -> SNOMED.equals(c.path("system").asText())
                                    && PREGNANCY_SNOMED.contains(c.path("code").asText())
                            || ICD10.equals(c.path("system").asText())
                                    && PREGNANCY_ICD10.stream()
                                            .anyMatch(c.path("code").asText()::startsWith));
            if (pregnancy && (onset == null || !onset.isAfter(s.plannedDate()))) {
                out.add("Condition/" + r.path("id").asText());
            }
        }
        return out;
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

    /** Not refuted or entered in error; a procedure completed or in progress. */
    private static boolean counts(JsonNode r) {
        if ("Procedure".equals(r.path("resourceType").asText())) {
            return Set.of("completed", "in-progress").contains(r.path("status").asText());
        }
        String verification =
                r.path("verificationStatus").path("coding").path(0).path("code").asText();
        return !"entered-in-error".equals(r.path("status").asText())
                && !Set.of("refuted", "entered-in-error").contains(verification);
    }

    /** Performed / onset / effective date as written (its first ten characters). */
    private static LocalDate startDate(JsonNode r) {
        for (String field : List.of("performedDateTime", "onsetDateTime", "effectiveDateTime")) {
            if (r.has(field)) {
                return date(r.path(field).asText());
            }
        }
        for (String field : List.of("performedPeriod", "onsetPeriod", "effectivePeriod")) {
            if (r.has(field)) {
                return date(r.path(field).path("start").asText());
            }
        }
        return r.has("recordedDate") ? date(r.path("recordedDate").asText()) : null;
    }

    private static LocalDate date(String text) {
        try {
            return text.length() >= 10 ? LocalDate.parse(text.substring(0, 10)) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
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
