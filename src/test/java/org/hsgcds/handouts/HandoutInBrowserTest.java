package org.hsgcds.handouts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hsgcds.testsupport.Chromium;
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

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireBrowser() {
        Chromium.assumeInstalled();
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
        return Chromium.runOnce(dir, args);
    }
}
