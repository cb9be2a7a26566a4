package org.hsgcds.orchestration;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hsgcds.cdshooks.CdsServiceRequest;
import org.hsgcds.content.CompiledContent;
import org.hsgcds.testsupport.ShippedContent;

/**
 * CPU per whole hook call (read the body, answer, write the response) over a population of distinct request files,
 * in one warm JVM, on one thread: every file in turn, so no per-record cache can make it look faster. For A/B checks
 * of rule content and the hook path (bench/README.md):
 * {@code java -cp target/test-classes:target/classes:$(cat target/bench.cp) org.hsgcds.orchestration.PopulationCost DIR [seconds]}.
 * The first half of the time is warm-up; the second half is measured. Prints thread CPU and wall time per call.
 */
public final class PopulationCost {

    private PopulationCost() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<byte[]> bodies = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                bodies.add(Files.readAllBytes(file));
            }
        }
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 60;
        FhirContext fhir = FhirContext.forR4Cached();
        CompiledContent content = ShippedContent.get();
        Clock clock = Clock.systemUTC();
        ObjectMapper json = RecordCost.bodyMapper();
        WarmupCalls hooks = new WarmupCalls(content, "file:./", fhir, clock);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long measureFrom = System.nanoTime() + seconds * 1_000_000_000L / 2;
        long cpu = 0;
        long wall = 0;
        long bytes = 0;
        int calls = 0;
        for (int i = 0; System.nanoTime() < end; i = (i + 1) % bodies.size()) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            CdsServiceRequest request = json.readValue(bodies.get(i), CdsServiceRequest.class);
            byte[] answer = json.writeValueAsBytes(hooks.answer("hsg-order-sign", request, "http://127.0.0.1"));
            if (t0 >= measureFrom) {
                cpu += threads.getCurrentThreadCpuTime() - cpu0;
                wall += System.nanoTime() - t0;
                bytes += answer.length;
                calls++;
            }
        }
        out.println(String.format(
                Locale.ROOT,
                "%s: %d files, %d measured calls, %.0f us CPU and %.0f us wall per call, %.0f response bytes per call",
                args[0],
                bodies.size(),
                calls,
                cpu / 1000.0 / Math.max(1, calls),
                wall / 1000.0 / Math.max(1, calls),
                (double) bytes / Math.max(1, calls)));
    }
}
