package org.hsgcds.handouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The patient handout in a real browser (headless Chromium, Debian's package): it renders with its
 * headings and print button, and prints to a PDF a clinic could hand out. Skipped only where no
 * Chromium is installed and HSG_TEST_BROWSER_REQUIRED is not set; .ci/run installs it and sets it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HandoutInBrowserTest {

    private static final Path CHROMIUM =
            Path.of(System.getenv().getOrDefault("HSG_TEST_CHROMIUM", "/usr/bin/chromium"));

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireBrowser() {
        boolean required = Boolean.parseBoolean(System.getenv("HSG_TEST_BROWSER_REQUIRED"));
        if (required) {
            assertThat(Files.isExecutable(CHROMIUM))
                    .as("Chromium is required at " + CHROMIUM)
                    .isTrue();
        }
        assumeTrue(
                Files.isExecutable(CHROMIUM),
                "No Chromium at " + CHROMIUM + ": apt-get install -y chromium to run this test");
    }

    @Test
    void handoutRendersWithItsSectionsAndPrintButton() throws Exception {
        String dom = run("--dump-dom", url());
        assertThat(dom)
                .contains(
                        "<h1>Your hysterosalpingography (HSG)</h1>",
                        "Before the test",
                        "After the test",
                        "Call the clinic straight away",
                        "Print this page");
        assertThat(dom).doesNotContain("{{");
    }

    @Test
    void handoutPrintsToAPdf() throws Exception {
        Path pdf = dir.resolve("handout.pdf");
        run("--print-to-pdf=" + pdf, "--no-pdf-header-footer", url());
        byte[] bytes = Files.readAllBytes(pdf);
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(bytes.length).isGreaterThan(10_000);
    }

    private String url() {
        return "http://127.0.0.1:" + port + "/handouts/hsg-patient-guide.html";
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(dir.resolve("chromium.log").toFile())
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("Chromium finished")
                .isTrue();
        assertThat(process.exitValue()).as("Chromium exit code").isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
