package org.hsgcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.ChildService;
import org.hsgcds.testsupport.FhirJson;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 29's "14 ordinary concurrent 4.8 MB hook calls at -Xmx256m": fourteen calls at once, each a long but
 * ordinary record (about 4.8 MB of real Conditions in its prefetch, under the 5 MB body limit), against the
 * service as a child JVM at {@code -Xmx256m} with the image's JVM options (docker/jvm.options). Every call is
 * answered 200, a 4xx, or 503 with a JSON body (a call that waited for its CPU slot longer than
 * {@code hsg.evaluation.max-slot-wait}); afterwards the process is alive, logged no OutOfMemoryError, answers
 * a valid call with the right card, and the issued-card recorder still records: feedback on that card finds it.
 */
class LargeOrdinaryCallsProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CALLS = 14;

    @TempDir
    Path data;

    /**
     * With the default slot wait (10 s) calls that wait longer are refused 503; with a wait longer than the
     * whole run every one of the fourteen is evaluated at once-per-slot and must be answered 200: the heap
     * holds fourteen queued 4.8 MB bodies and the records being evaluated.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"10s", "600s"})
    void fourteenConcurrentLongRecordsAreAnsweredAt256MegabytesOfHeap(String slotWait) throws Exception {
        try (ChildService service = ChildService.start("256m", data, "--hsg.evaluation.max-slot-wait=" + slotWait)) {
            Process process = service.process();
            Scenario eligible = Scenario.load(
                    Path.of("src/test/resources/scenarios/eligible-clean-record.json"), FixedClockConfiguration.TODAY);

            String longRecord = longRecord(eligible.request());
            assertThat(longRecord.length()).isBetween(4_600_000, 5 * 1024 * 1024 - 1);
            long started = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> service.postJson(HostileInputs.HOOK, longRecord)));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> answer = call.get();
                statuses.merge(answer.statusCode(), 1, Integer::sum);
                assertThat(answer.statusCode()).as(answer.body()).isIn(200, 400, 408, 413, 422, 503);
                if (answer.statusCode() == 503) {
                    assertThat(JSON.readTree(answer.body()).path("error").asText())
                            .isNotEmpty();
                }
                if (answer.statusCode() == 200) {
                    assertThat(JSON.readTree(answer.body()).path("cards").findValuesAsText("code"))
                            .as("a long record of ordinary conditions is still eligible")
                            .contains("eligible");
                }
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            if (slotWait.equals("600s")) {
                assertThat(statuses)
                        .as("every call evaluated when the wait is long enough")
                        .containsOnlyKeys(200);
            }

            assertThat(process.isAlive()).isTrue();
            HttpResponse<String> valid =
                    service.postJson(HostileInputs.HOOK, eligible.request().toString());
            assertThat(valid.statusCode()).isEqualTo(200);
            JsonNode cards = JSON.readTree(valid.body()).path("cards");
            assertThat(cards.findValuesAsText("code")).contains("eligible");

            // The recorder thread still writes: feedback on the card just issued finds it among the issued cards.
            ObjectNode feedback = JSON.createObjectNode();
            feedback.putArray("feedback")
                    .addObject()
                    .put("card", cards.get(0).path("uuid").asText())
                    .put("outcome", "overridden")
                    .put("outcomeTimestamp", "2026-01-01T10:00:00Z");
            HttpResponse<String> stored = service.postJson(HostileInputs.HOOK + "/feedback", feedback.toString());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            assertThat(JSON.readTree(stored.body()).path("unknownCards").isMissingNode())
                    .as("the issued-card recorder recorded the card: " + stored.body())
                    .isTrue();

            String output = service.output();
            assertThat(output).doesNotContain("OutOfMemoryError");
            System.out.printf(
                    Locale.ROOT,
                    "Large ordinary calls at -Xmx256m, slot wait %s: %d calls of %,d bytes in %d s, statuses %s;"
                            + " service alive%n",
                    slotWait,
                    CALLS,
                    longRecord.length(),
                    seconds,
                    statuses);
        }
    }

    /** The eligible patient's hook call with about 4.8 MB of ordinary, unrelated Conditions added to its prefetch. */
    private static String longRecord(ObjectNode request) {
        ObjectNode prefetch = (ObjectNode) request.get("prefetch");
        ObjectNode conditions = prefetch.get("conditions") instanceof ObjectNode bundle
                ? bundle
                : prefetch.putObject("conditions").put("resourceType", "Bundle").put("type", "searchset");
        ArrayNode entries = conditions.get("entry") instanceof ArrayNode array ? array : conditions.putArray("entry");
        String patient = request.path("context").path("patientId").asText();
        int i = 0;
        while (request.toString().length() < 4_700_000) {
            for (int k = 0; k < 1000; k++, i++) {
                ObjectNode condition = entries.addObject().putObject("resource");
                condition.put("resourceType", "Condition").put("id", "essential-hypertension-" + i);
                FhirJson.concept(
                        condition,
                        "clinicalStatus",
                        "http://terminology.hl7.org/CodeSystem/condition-clinical",
                        "resolved",
                        null);
                FhirJson.concept(
                                condition,
                                "code",
                                "http://snomed.info/sct",
                                "38341003",
                                "Hypertensive disorder, systemic arterial")
                        .put("text", "Hypertension, follow-up visit " + i);
                condition.putObject("subject").put("reference", "Patient/" + patient);
                condition.put("recordedDate", "2019-05-0" + (1 + i % 9));
            }
        }
        return request.toString();
    }
}
