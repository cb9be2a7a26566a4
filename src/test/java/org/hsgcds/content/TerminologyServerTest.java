package org.hsgcds.content;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hsgcds.testsupport.TerminologyTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The optional terminology server: its expansion replaces the shipped one; when it is down the shipped one stands. */
@ExtendWith(OutputCaptureExtension.class)
class TerminologyServerTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String SCT = "http://snomed.info/sct";
    private static final String SERIOUS = "http://hsg-cds.org/fhir/ValueSet/serious-systemic-disease";
    /** A code only the server's expansion lists (made up for the test). */
    private static final String SERVER_ONLY = "999000999";

    private final Map<String, String> shippedFiles = ContentLoader.read("file:./fhir-resources/valuesets/*.json");

    @Test
    void aCodeOnlyTheServersExpansionHasIsAMemberWhenTheServerIsConfigured(CapturedOutput output) {
        try (TerminologyTestServer server = TerminologyTestServer.start()) {
            server.expansion(
                    SERIOUS,
                    List.of(new Coding(SCT, "91302008", "Sepsis"), new Coding(SCT, SERVER_ONLY, "Server-only sepsis")));
            ValueSetIndex index =
                    new ValueSetLoader(FHIR, new HttpTerminologyServer(server.baseUrl(), FHIR)).load(shippedFiles);

            assertThat(index.contains(SERIOUS, SCT, SERVER_ONLY)).isTrue();
            assertThat(index.contains(SERIOUS, "http://hl7.org/fhir/sid/icd-10-cm", "A41.9"))
                    .as("ICD-10-CM filters still apply")
                    .isTrue();
            assertThat(index.contains(
                            "http://hsg-cds.org/fhir/ValueSet/recent-uterine-event-procedure", SCT, "66348005"))
                    .as("a value set the server does not know keeps its shipped expansion")
                    .isTrue();
            assertThat(server.asked()).contains(SERIOUS).hasSize(shippedFiles.size());
            assertThat(warnings(output))
                    .singleElement()
                    .asString()
                    .contains(server.baseUrl())
                    .contains("did not expand");
        }
        ValueSetIndex withoutServer = new ValueSetLoader(FHIR).load(shippedFiles);
        assertThat(withoutServer.contains(SERIOUS, SCT, SERVER_ONLY)).isFalse();
    }

    @Test
    void aPartialExpansionIsNotUsed(CapturedOutput output) {
        try (TerminologyTestServer server = TerminologyTestServer.start()) {
            server.partialExpansion(SERIOUS, List.of(new Coding(SCT, SERVER_ONLY, "Server-only sepsis")), 500);
            ValueSetIndex index =
                    new ValueSetLoader(FHIR, new HttpTerminologyServer(server.baseUrl(), FHIR)).load(shippedFiles);

            assertThat(index.contains(SERIOUS, SCT, SERVER_ONLY)).isFalse();
            assertThat(index.contains(SERIOUS, SCT, "770349000"))
                    .as("shipped expansion")
                    .isTrue();
            assertThat(warnings(output)).singleElement().asString().contains(SERIOUS);
        }
    }

    @Test
    void serverDownMeansTheShippedExpansionsAndOneWarning(CapturedOutput output) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String base = "http://127.0.0.1:" + closedPort + "/fhir";
        ValueSetIndex index = new ValueSetLoader(FHIR, new HttpTerminologyServer(base, FHIR)).load(shippedFiles);

        assertThat(index.contains(SERIOUS, SCT, "770349000"))
                .as("shipped expansion")
                .isTrue();
        assertThat(index.contains(SERIOUS, SCT, SERVER_ONLY)).isFalse();
        assertThat(warnings(output))
                .singleElement()
                .asString()
                .contains(base)
                .contains("unreachable")
                .contains("shipped expansions for " + shippedFiles.size() + " of " + shippedFiles.size());
    }

    /** The log lines about the terminology server (the loader logs nothing else). */
    private static List<String> warnings(CapturedOutput output) {
        return output.getAll()
                .lines()
                .filter(line -> line.contains("Terminology server"))
                .toList();
    }
}
