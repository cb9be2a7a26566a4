package org.hsgcds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario files and their format, without starting the service: every file loads and builds a
 * request, says what is present (not only what is absent), uses only known expect keys; and the date
 * tokens and {@code orderFields} give the order the suites rely on.
 */
class ScenarioFilesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Scenario> allScenarios() {
        return Stream.of(
                        ScenarioSuiteTest.DIR,
                        ScenarioSuiteSecondProtocolTest.DIR,
                        Path.of("src/test/resources/scenarios-appointment"))
                .flatMap(dir -> Scenario.files(dir).stream())
                .map(f -> Scenario.load(f, TODAY));
    }

    @Test
    void everyScenarioLoadsAndBuildsARequest() {
        assertThat(allScenarios())
                .allSatisfy(s -> assertThat(s.request().path("hook").asText())
                        .as(s.name())
                        .isNotBlank());
    }

    @Test
    void everyScenarioSaysWhatIsPresentNotOnlyWhatIsAbsent() {
        assertThat(allScenarios()
                        .map(ScenarioAssertions::weakness)
                        .filter(Objects::nonNull)
                        .toList())
                .isEmpty();
    }

    @Test
    void everyExpectKeyIsOneTheAssertionsKnow() {
        List<String> unknown = new ArrayList<>();
        allScenarios().forEach(s -> unknown.addAll(ScenarioAssertions.unknownExpectKeys(s)));
        assertThat(unknown).isEmpty();
    }

    @Test
    void noTokenIsLeftUnresolved() {
        assertThat(allScenarios())
                .allSatisfy(s -> assertThat(s.request().toString() + s.expect())
                        .as(s.name())
                        .doesNotContain("{{today", "{{planned"));
    }

    @Test
    void monthTokenGivesTheYearAndMonthOfTheDate() {
        LocalDate planned = LocalDate.of(2027, 1, 5);
        assertThat(Scenario.resolveDates("{{planned-10:month}}", TODAY, planned))
                .isEqualTo("2026-12");
        assertThat(Scenario.resolveDates("{{today:month}}", TODAY, planned)).isEqualTo("2026-12");
        assertThat(Scenario.resolveDates("{{today+40:month}}-05", TODAY, planned))
                .isEqualTo("2027-01-05");
        assertThat(Scenario.resolveDates("{{planned-41}} and {{today}}", TODAY, planned))
                .isEqualTo("2026-11-25 and 2026-12-02");
    }

    @Test
    void plannedDateMayPinADayOfAMonth(@TempDir Path dir) throws Exception {
        Scenario scenario = write(dir, "{\"plannedDate\": \"{{today+40:month}}-05\", \"expect\": {\"noCards\": true}}");
        assertThat(scenario.plannedDate()).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThat(order(scenario).path("occurrenceDateTime").asText()).isEqualTo("2027-01-05");
    }

    @Test
    void orderFieldsReplaceTheDefaultOccurrence(@TempDir Path dir) throws Exception {
        Scenario scenario = write(
                dir,
                "{\"plannedDate\": \"{{today+7}}\", \"orderFields\": {\"occurrenceDateTime\": \"{{planned:month}}\","
                        + " \"priority\": \"routine\"}, \"expect\": {\"noCards\": true}}");
        JsonNode order = order(scenario);
        assertThat(order.path("occurrenceDateTime").asText()).isEqualTo("2026-12");
        assertThat(order.path("priority").asText()).isEqualTo("routine");
    }

    @Test
    void anOccurrencePeriodInOrderFieldsAlsoReplacesTheDefault(@TempDir Path dir) throws Exception {
        Scenario scenario = write(
                dir,
                "{\"plannedDate\": \"{{today+7}}\", \"orderFields\": {\"occurrencePeriod\": {\"start\": \"{{planned}}\"}},"
                        + " \"expect\": {\"noCards\": true}}");
        JsonNode order = order(scenario);
        assertThat(order.has("occurrenceDateTime")).isFalse();
        assertThat(order.path("occurrencePeriod").path("start").asText()).isEqualTo("2026-12-09");
    }

    @Test
    void withoutPlannedDateOrOccurrenceTheOrderIsUndated(@TempDir Path dir) throws Exception {
        Scenario scenario =
                write(dir, "{\"orderFields\": {\"priority\": \"routine\"}, \"expect\": {\"noCards\": true}}");
        JsonNode order = order(scenario);
        assertThat(order.fieldNames()).toIterable().noneMatch(name -> name.startsWith("occurrence"));
        assertThat(scenario.plannedDate()).isEqualTo(TODAY);
    }

    @Test
    void aScenarioAssertingOnlyAbsenceIsWeak(@TempDir Path dir) throws Exception {
        assertThat(ScenarioAssertions.weakness(write(dir, "{\"expect\": {\"absent\": [\"eligible\"]}}")))
                .isNotNull();
        assertThat(ScenarioAssertions.weakness(
                        write(dir, "{\"expect\": {\"absent\": [\"eligible\"], \"present\": {\"timing\": \"info\"}}}")))
                .isNull();
        assertThat(ScenarioAssertions.weakness(
                        write(dir, "{\"expect\": {\"absent\": [\"eligible\"], \"status\": 400}}")))
                .isNull();
    }

    private static JsonNode order(Scenario scenario) {
        return scenario.request()
                .path("context")
                .path("draftOrders")
                .path("entry")
                .path(0)
                .path("resource");
    }

    private static Scenario write(Path dir, String json) throws Exception {
        JSON.readTree(json);
        Path file = dir.resolve("s.json");
        Files.writeString(file, json);
        return Scenario.load(file, TODAY);
    }
}
