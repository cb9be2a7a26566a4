package org.hsgcds.handouts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The patient handout tells the patient the site's window days and whom to call: both come from the site
 * protocol in force, escaped as HTML, and nothing of the template is left.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HandoutProtocolTest {

    private static final String CONTACT = "HSG clinic <Ward 3> & reception, 020 7946 0000";
    private static final Path PROTOCOL = siteFile();

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hsg.protocol.location", () -> "file:" + PROTOCOL);
    }

    @Test
    void handoutQuotesTheSitesWindowAndClinicContactEscaped() {
        ResponseEntity<String> handout = http.getForEntity("/handouts/hsg-patient-guide.html", String.class);
        assertThat(handout.getStatusCode().value()).isEqualTo(200);
        assertThat(handout.getBody())
                .contains("between day 5 and day 10 of")
                .contains("Contact: HSG clinic &lt;Ward 3&gt; &amp; reception, 020 7946 0000")
                .doesNotContain("day 6 and day 12")
                .doesNotContain("{{")
                .doesNotContain("<Ward 3>");
    }

    @Test
    void onlyKnownPlaceholdersAreFilled() {
        assertThat(HandoutController.fill(
                        "{{protocol.a}} {{ protocol.a }} {{protocol.b}} {{other}}", Map.of("protocol.a", "<1>")))
                .isEqualTo("&lt;1&gt; &lt;1&gt; {{protocol.b}} {{other}}");
    }

    private static Path siteFile() {
        try {
            Path file = Files.createTempFile("hsg-protocol-", ".json");
            file.toFile().deleteOnExit();
            return Files.writeString(
                    file,
                    "{\"windowStartDay\": 5, \"windowEndDay\": 10, \"clinicContact\": \""
                            + CONTACT.replace("\"", "\\\"") + "\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
