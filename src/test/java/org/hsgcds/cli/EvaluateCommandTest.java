package org.hsgcds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line on the example patients: the same cards as the hook examples, without a web server. */
class EvaluateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("fhir-resources/examples");

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = EvaluateCommand.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "patient-ready.json,    eligible preparation aftercare, pregnancy contrast-allergy timing",
        "patient-pregnant.json, pregnancy,                      eligible preparation",
        "patient-contrast.json, contrast-allergy,               eligible preparation",
    })
    void examplePatientGivesTheDocumentedCardsAsJson(String bundle, String present, String absent) throws Exception {
        Run run = run(
                "--patient-bundle",
                EXAMPLES.resolve(bundle).toString(),
                "--date",
                "2026-12-03",
                "--today",
                "2026-12-01");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode response = JSON.readTree(run.out());
        List<String> topics = new ArrayList<>();
        response.path("cards")
                .forEach(c ->
                        topics.add(c.path("source").path("topic").path("code").asText()));
        assertThat(topics).contains(present.split(" ")).doesNotContain(absent.split(" "));
    }

    @Test
    void protocolFileIsUsedAndABadOneStopsTheRun(@TempDir Path dir) throws Exception {
        Path site = Path.of("src/test/resources/protocol/second-site.json");
        Run shipped = run(
                "--patient-bundle",
                EXAMPLES.resolve("patient-ready.json").toString(),
                "--date",
                "2026-12-03",
                "--today",
                "2026-12-01");
        Run secondSite = run(
                "--patient-bundle",
                EXAMPLES.resolve("patient-ready.json").toString(),
                "--date",
                "2026-12-03",
                "--today",
                "2026-12-01",
                "--protocol",
                site.toString());
        assertThat(secondSite.exit()).as(secondSite.err()).isZero();
        assertThat(shipped.out()).doesNotContain("\"pregnancy-test\"").contains("window cycle days 6–12");
        assertThat(secondSite.out())
                .as("hCG needed on the day: the negative test of two days before no longer counts")
                .contains("\"pregnancy-test\"")
                .contains("window cycle days 5–10; recent delivery/abortion/curettage 56 days");

        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"chlamydiaScreeningMonths\": 48}");
        Run refused = run(
                "--patient-bundle", EXAMPLES.resolve("patient-ready.json").toString(), "--protocol", bad.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("chlamydiaScreeningMonths is 48; allowed: 1..36");
    }

    @Test
    void textFormatPrintsOneLinePerCard() {
        Run run = run(
                "--patient-bundle",
                EXAMPLES.resolve("patient-pregnant.json").toString(),
                "--date",
                "2026-12-03",
                "--format",
                "text");
        assertThat(run.exit()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).isNotEmpty().allMatch(l -> l.matches("(critical|warning|info) [a-z-]+: .+"));
        assertThat(lines.get(0)).startsWith("critical pregnancy: ");
    }

    @Test
    void orderFileGivesThePlannedDateAndANonHsgOrderGivesNoCards(@TempDir Path dir) throws Exception {
        JsonNode request =
                JSON.readTree(EXAMPLES.resolve("order-sign-pregnant.json").toFile());
        JsonNode hsg = request.path("context")
                .path("draftOrders")
                .path("entry")
                .path(0)
                .path("resource");
        Path orderFile = dir.resolve("order.json");
        Files.writeString(orderFile, hsg.toString());
        Run run = run(
                "--patient-bundle",
                EXAMPLES.resolve("patient-pregnant.json").toString(),
                "--order",
                orderFile.toString(),
                "--format",
                "text");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("critical pregnancy: ");

        Path mri = dir.resolve("mri.json");
        Files.writeString(mri, hsg.toString().replace("168884001", "113091000"));
        Run other = run(
                "--patient-bundle", EXAMPLES.resolve("patient-pregnant.json").toString(), "--order", mri.toString());
        assertThat(other.exit()).isZero();
        assertThat(JSON.readTree(other.out()).path("cards").size()).isZero();
        assertThat(other.err()).contains("not an HSG order");
    }

    @Test
    void usageErrorsExitWithTwoAndUnreadableInputWithOne(@TempDir Path dir) throws Exception {
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("--patient-bundle", "a.json", "--ndjson", "b").exit()).isEqualTo(2);
        assertThat(run("--patient-bundle", "x.json", "--date", "03/12/2026").exit())
                .isEqualTo(2);
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{not json");
        Run run = run("--patient-bundle", broken.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("not FHIR R4 JSON");
        assertThat(run.out()).isEmpty();
    }
}
