package org.hsgcds.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The JavaScript tools under {@code conformance-check/} that tests run with node (fhirpath.js, cql-execution):
 * {@code .ci/run} installs them with {@code npm ci} and sets an {@code HSG_TEST_*_REQUIRED} variable, under which a
 * missing tool fails the test; elsewhere it skips it.
 */
public final class NodeTools {

    public static final Path DIR = Path.of("conformance-check");

    private NodeTools() {}

    /**
     * Skips the calling test unless node runs and every module is installed; fails it instead when the environment
     * variable {@code requiredVariable} is {@code true}.
     */
    public static void assumeInstalled(String requiredVariable, String... modules) {
        boolean installed = nodeRuns();
        for (String module : modules) {
            installed &= Files.isRegularFile(
                    DIR.resolve("node_modules").resolve(module).resolve("package.json"));
        }
        if (Boolean.parseBoolean(System.getenv(requiredVariable))) {
            assertThat(installed)
                    .as(requiredVariable + " is set but node or conformance-check/node_modules is missing"
                            + " (run npm ci in conformance-check)")
                    .isTrue();
        }
        Assumptions.assumeTrue(installed, "node and conformance-check/node_modules (npm ci) are needed");
    }

    /** Deletes a directory of files a previous run wrote, if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static boolean nodeRuns() {
        try {
            Process process = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
