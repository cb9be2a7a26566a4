package org.hsgcds.cli;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;
import org.hsgcds.cdshooks.Card;
import org.hsgcds.prefetch.FhirJsonReader;

/**
 * Evaluates a FHIR Bulk Data export (NDJSON, one or more files per resource type) against an HSG
 * planned on one date, writing one JSON line per patient and a summary line.
 *
 * <p>Bulk exports are grouped by type, not by patient, so the resources are first hash-partitioned by
 * patient id into temporary files (about {@value #PATIENTS_PER_PARTITION} patients each, raw lines,
 * not parsed objects); then each partition is read, grouped and evaluated in turn. Memory holds one
 * partition at a time, whatever the size of the export; the cost is writing the relevant resources to
 * disk once. Output is in partition order, not in the order of Patient.ndjson. Only the resource types
 * the rules read are kept; resources of patients missing from Patient.ndjson are counted and skipped.
 */
final class NdjsonEvaluation {

    static final Set<String> TYPES = Set.of("Patient", "Condition", "Observation", "Procedure", "AllergyIntolerance");
    static final int PATIENTS_PER_PARTITION = 1000;
    private static final int MAX_PARTITIONS = 4096;
    private static final int PROGRESS_EVERY = 1000;
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final FhirContext fhirContext;
    private final PatientEvaluator evaluator;
    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out;
    private final PrintStream err;
    private final int threads;

    NdjsonEvaluation(
            FhirContext fhirContext, PatientEvaluator evaluator, int threads, PrintStream out, PrintStream err) {
        this.fhirContext = fhirContext;
        this.evaluator = evaluator;
        this.threads = Math.max(1, threads);
        this.out = out;
        this.err = err;
    }

    /** The counts written as the summary line. */
    record Summary(
            long patients, Map<String, Long> topics, long unassignedResources, long unreadableLines, double seconds) {
        double patientsPerSecond() {
            return seconds > 0 ? patients / seconds : patients;
        }
    }

    Summary run(Path dir, LocalDate plannedDate, LocalDate today) throws IOException {
        long started = System.nanoTime();
        Map<String, List<Path>> filesByType = filesByType(dir);
        List<Path> patientFiles = filesByType.getOrDefault("Patient", List.of());
        if (patientFiles.isEmpty()) {
            throw new IllegalArgumentException("No Patient resources found in " + dir + " (expected Patient.ndjson)");
        }
        long patientLines = 0;
        for (Path file : patientFiles) {
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                patientLines += lines.filter(l -> !l.isBlank()).count();
            }
        }
        int partitions = (int) Math.min(
                MAX_PARTITIONS, Math.max(1, (patientLines + PATIENTS_PER_PARTITION - 1) / PATIENTS_PER_PARTITION));
        Path work = Files.createTempDirectory("hsg-ndjson-");
        try {
            Counts counts = new Counts();
            partition(filesByType, partitions, work, counts);
            Map<String, Long> topics = new TreeMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "hsg-evaluate");
                t.setDaemon(true);
                return t;
            });
            try {
                for (int p = 0; p < partitions; p++) {
                    evaluatePartition(
                            work.resolve(p + ".part"), plannedDate, today, pool, topics, counts, patientLines, started);
                }
            } finally {
                pool.shutdownNow();
            }
            Summary summary = new Summary(
                    counts.patients, topics, counts.unassigned, counts.unreadable, (System.nanoTime() - started) / 1e9);
            writeSummary(summary);
            return summary;
        } finally {
            deleteTree(work);
        }
    }

    private static final class Counts {
        long patients;
        long unassigned;
        long unreadable;
    }

    private Map<String, List<Path>> filesByType(Path dir) throws IOException {
        Map<String, List<Path>> byType = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".ndjson"))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            String type = firstResourceType(file);
            if (type != null && TYPES.contains(type)) {
                byType.computeIfAbsent(type, t -> new ArrayList<>()).add(file);
            } else if (type != null) {
                err.println("hsg-cds evaluate: skipping " + file.getFileName() + " (" + type
                        + " is not read by the rules)");
            }
        }
        return byType;
    }

    private String firstResourceType(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode node = readTree(line);
                    return node == null ? null : node.path("resourceType").asText(null);
                }
            }
        }
        return null;
    }

    /** Pass 1: every line of a kept type goes to partition hash(patient id), as "id TAB P|R TAB json" (P marks the Patient itself). */
    private void partition(Map<String, List<Path>> filesByType, int partitions, Path work, Counts counts)
            throws IOException {
        BufferedWriter[] writers = new BufferedWriter[partitions];
        try {
            for (int p = 0; p < partitions; p++) {
                writers[p] = Files.newBufferedWriter(work.resolve(p + ".part"), StandardCharsets.UTF_8);
            }
            List<Path> ordered = new ArrayList<>(filesByType.getOrDefault("Patient", List.of()));
            filesByType.forEach((type, files) -> {
                if (!type.equals("Patient")) {
                    ordered.addAll(files);
                }
            });
            for (Path file : ordered) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode node = readTree(line);
                        String patientId = node == null ? null : patientId(node);
                        if (patientId == null) {
                            if (node == null) {
                                counts.unreadable++;
                            } else {
                                counts.unassigned++;
                            }
                            continue;
                        }
                        BufferedWriter writer = writers[Math.floorMod(patientId.hashCode(), partitions)];
                        writer.write(patientId);
                        writer.write("Patient".equals(node.path("resourceType").asText()) ? "\tP\t" : "\tR\t");
                        writer.write(line.strip());
                        writer.write('\n');
                    }
                }
            }
        } finally {
            for (BufferedWriter writer : writers) {
                if (writer != null) {
                    writer.close();
                }
            }
        }
    }

    /** The patient a line belongs to: a Patient's id, else the id in subject or patient ("Patient/{id}"). */
    static String patientId(JsonNode resource) {
        String id = referencedPatient(resource);
        return id != null && FHIR_ID.matcher(id).matches() ? id : null;
    }

    private static String referencedPatient(JsonNode resource) {
        if ("Patient".equals(resource.path("resourceType").asText())) {
            return resource.path("id").asText(null);
        }
        String reference = resource.path("subject").path("reference").asText(null);
        if (reference == null) {
            reference = resource.path("patient").path("reference").asText(null);
        }
        if (reference == null) {
            return null;
        }
        int at = reference.lastIndexOf("Patient/");
        if (at < 0) {
            return null;
        }
        String id = reference.substring(at + "Patient/".length());
        int history = id.indexOf('/');
        return id.isEmpty() ? null : history < 0 ? id : id.substring(0, history);
    }

    /** Pass 2, one partition: group its lines by patient, evaluate the patients in parallel, write in order. */
    private void evaluatePartition(
            Path part,
            LocalDate plannedDate,
            LocalDate today,
            ExecutorService pool,
            Map<String, Long> topics,
            Counts counts,
            long expected,
            long started)
            throws IOException {
        Map<String, List<String>> byPatient = new LinkedHashMap<>();
        Set<String> patients = new LinkedHashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                int tab = line.indexOf('\t');
                String id = line.substring(0, tab);
                String resource = line.substring(tab + 3);
                if (line.charAt(tab + 1) == 'P') {
                    patients.add(id);
                }
                byPatient.computeIfAbsent(id, k -> new ArrayList<>()).add(resource);
            }
        }
        Files.delete(part);
        byPatient.keySet().stream()
                .filter(id -> !patients.contains(id))
                .forEach(id -> counts.unassigned += byPatient.get(id).size());
        List<Future<PatientResult>> results = new ArrayList<>();
        for (String id : patients) {
            List<String> lines = byPatient.get(id);
            results.add(pool.submit(() -> evaluate(id, lines, plannedDate, today)));
        }
        for (Future<PatientResult> future : results) {
            PatientResult result = get(future);
            result.topics().forEach(topic -> topics.merge(topic, 1L, Long::sum));
            ObjectNode line = json.createObjectNode();
            line.put("patient", result.patientId());
            result.topics().forEach(line.putArray("topics")::add);
            out.println(line);
            counts.patients++;
            if (counts.patients % PROGRESS_EVERY == 0 || counts.patients == expected) {
                double seconds = (System.nanoTime() - started) / 1e9;
                err.printf(
                        Locale.ROOT,
                        "hsg-cds evaluate: %d/%d patients (%.0f/s)%n",
                        counts.patients,
                        expected,
                        counts.patients / seconds);
            }
        }
    }

    private record PatientResult(String patientId, List<String> topics) {}

    private PatientResult evaluate(String patientId, List<String> lines, LocalDate plannedDate, LocalDate today) {
        IParser parser = FhirJsonReader.parser(fhirContext);
        List<Resource> resources = new ArrayList<>();
        Set<String> unavailable = new LinkedHashSet<>();
        for (String line : lines) {
            try {
                resources.add((Resource) parser.parseResource(line));
            } catch (DataFormatException | ClassCastException | IllegalArgumentException e) {
                JsonNode node = readTree(line);
                unavailable.add(
                        (node == null ? "a resource" : node.path("resourceType").asText("a resource"))
                                + " (not readable as FHIR R4)");
            }
        }
        List<Card> cards = evaluator.cards(
                patientId, resources, List.copyOf(unavailable), evaluator.plannedOrder(patientId, plannedDate), today);
        List<String> topics =
                cards.stream().map(c -> c.source().topic().code()).distinct().toList();
        return new PatientResult(patientId, topics);
    }

    private void writeSummary(Summary summary) {
        ObjectNode line = json.createObjectNode();
        ObjectNode body = line.putObject("summary");
        body.put("patients", summary.patients());
        ObjectNode topics = body.putObject("topics");
        summary.topics().forEach(topics::put);
        body.put("unassignedResources", summary.unassignedResources());
        body.put("unreadableLines", summary.unreadableLines());
        body.put("seconds", Math.round(summary.seconds() * 100) / 100.0);
        body.put("patientsPerSecond", Math.round(summary.patientsPerSecond()));
        out.println(line);
        out.flush();
    }

    private JsonNode readTree(String line) {
        try {
            JsonNode node = json.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Evaluation failed: " + e.getCause().getClass().getSimpleName(), e.getCause());
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory left behind is not worth failing the run for.
        }
    }
}
