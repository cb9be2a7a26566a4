package org.hsgcds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hsgcds.cli.BulkExportGenerator.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated Bulk Data export of 10,000 patients (more with -Dhsg.ndjson.patients=N) through the
 * command line: one line per patient, counts per topic equal to the generator's truth.
 */
class NdjsonEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate PLANNED = LocalDate.parse("2026-12-03");

    @Test
    void countsPerTopicMatchTheGeneratorsTruth(@TempDir Path dir) throws Exception {
        int patients = Integer.getInteger("hsg.ndjson.patients", 10_000);
        Path export = Files.createDirectory(dir.resolve("export"));
        Map<Group, Integer> truth = BulkExportGenerator.write(export, patients, PLANNED);
        Path output = dir.resolve("out.ndjson");
        Path progress = dir.resolve("err.txt");
        int exit;
        long started = System.nanoTime();
        try (PrintStream out = new PrintStream(Files.newOutputStream(output), false, StandardCharsets.UTF_8);
                PrintStream err = new PrintStream(Files.newOutputStream(progress), true, StandardCharsets.UTF_8)) {
            exit = EvaluateCommand.run(
                    out,
                    err,
                    "--ndjson",
                    export.toString(),
                    "--date",
                    PLANNED.toString(),
                    "--today",
                    PLANNED.minusDays(2).toString());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(exit).as(Files.readString(progress)).isZero();

        Map<String, Integer> counted = new HashMap<>();
        Set<String> seen = new HashSet<>();
        JsonNode summary = null;
        try (BufferedReader reader = Files.newBufferedReader(output)) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = JSON.readTree(line);
                if (node.has("summary")) {
                    summary = node.get("summary");
                    continue;
                }
                assertThat(seen.add(node.get("patient").asText()))
                        .as("patient reported once")
                        .isTrue();
                int index = Integer.parseInt(node.get("patient").asText().substring(1));
                Group group = BulkExportGenerator.group(index);
                Set<String> topics = new HashSet<>();
                node.path("topics").forEach(t -> topics.add(t.asText()));
                topics.forEach(t -> counted.merge(t, 1, Integer::sum));
                if (group.topic != null) {
                    assertThat(topics).as("p%d (%s)", index, group).contains(group.topic);
                }
                if (group != Group.READY) {
                    assertThat(topics).as("p%d (%s)", index, group).doesNotContain("eligible");
                }
            }
        }
        assertThat(seen).hasSize(patients);
        for (Group group : Group.values()) {
            if (group.topic != null) {
                assertThat(counted.getOrDefault(group.topic, 0)).as(group.topic).isEqualTo(truth.get(group));
            }
        }
        assertThat(summary).isNotNull();
        assertThat(summary.get("patients").asInt()).isEqualTo(patients);
        assertThat(summary.path("topics").path("pregnancy").asInt()).isEqualTo(truth.get(Group.PREGNANT));
        assertThat(summary.path("topics").path("eligible").asInt()).isEqualTo(truth.get(Group.READY));
        assertThat(summary.get("unassignedResources").asInt()).isZero();
        assertThat(Files.readString(progress))
                .contains(patients + "/" + patients + " patients")
                .contains("skipping Encounter.ndjson");
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "NDJSON: %d patients in %.1f s = %.0f patients/s (summary says %s/s); heap used after run %d MB of max %d MB%n",
                patients,
                seconds,
                patients / seconds,
                summary.get("patientsPerSecond"),
                (runtime.totalMemory() - runtime.freeMemory()) >> 20,
                runtime.maxMemory() >> 20);
    }
}
