package org.hsgcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.ChildService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 29's attacks without a token, against the service as a child JVM at {@code -Xmx256m} with the
 * image's JVM options (docker/jvm.options): 4.8 MB bodies of empty cards at the workbench API, hook
 * calls whose prefetch holds 1.6 million empty entries (within the 5 MB body limit), hostile Markdown
 * renders. Each is answered with a 4xx or a fail-safe 200, and afterwards the process is alive, logged
 * no OutOfMemoryError and answers a valid hook call with the right cards.
 */
class HeapBoundsProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void theAttacksOfIssue29AreBoundedAt256MegabytesOfHeap() throws Exception {
        try (ChildService service = ChildService.start("256m", data)) {
            Process process = service.process();

            String emptyCards = "{\"cards\":[" + "{},".repeat(1_600_000) + "{}]}";
            for (int i = 0; i < 2; i++) {
                assertThat(service.postJson("/workbench/api/conformance", emptyCards)
                                .statusCode())
                        .as("4.8 MB of empty cards")
                        .isEqualTo(413);
            }

            Scenario eligible = Scenario.load(
                    Path.of("src/test/resources/scenarios/eligible-clean-record.json"), FixedClockConfiguration.TODAY);
            ObjectNode request = eligible.request();
            String marker = "\"REPLACE_ME\"";
            ((ObjectNode) request.get("prefetch")).put("conditions", "REPLACE_ME");
            String emptyEntries = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":["
                    + "{},".repeat(1_550_000) + "{}]}";
            String hostileHook = request.toString().replace(marker, emptyEntries);
            assertThat(hostileHook.length()).isLessThan(5 * 1024 * 1024);
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> service.postJson(HostileInputs.HOOK, hostileHook).statusCode()));
            }
            for (CompletableFuture<Integer> call : calls) {
                assertThat(call.get())
                        .as("a prefetch of 1.55 million empty entries")
                        .isIn(200, 400, 413, 503);
            }

            String render = "{\"cards\":[{\"detail\":\"" + ">".repeat(50_000) + "\"},{\"detail\":\""
                    + "<".repeat(150_000) + "\"}]}";
            assertThat(service.postJson("/workbench/api/render", render).statusCode())
                    .isEqualTo(200);

            assertThat(process.isAlive()).isTrue();
            HttpResponse<String> valid =
                    service.postJson(HostileInputs.HOOK, eligible.request().toString());
            assertThat(valid.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(valid.body()).path("cards").findValuesAsText("code"))
                    .contains("eligible");
            String output = service.output();
            assertThat(output).doesNotContain("OutOfMemoryError");
            System.out.printf(
                    Locale.ROOT,
                    "Heap bounds at -Xmx256m: service alive, %d log lines%n",
                    output.lines().count());
        }
    }
}
