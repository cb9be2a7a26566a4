package org.hsgcds.testsupport;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of service tests whose EHR has a FHIR server: the service ({@link HsgServiceTest}) is allowed to fetch
 * from {@link #FHIR}, a real HAPI server ({@link FhirTestServer}, five resources a page) started once per JVM and
 * shared by every subclass, so they share one application context too. Before each test class the server is emptied
 * (no data, faults, token check or recorded requests, five a page), as a new server would be; a test puts its patient
 * there with {@code FHIR.reset(resources)} and may change the page size ({@code FHIR.pageSize(n)}). Deadline and read timeout are a generous 20 s: these tests check what is fetched,
 * not how fast, and a slow build machine must not fail them.
 */
@HsgServiceTest
public abstract class FhirServerServiceTest {

    /** The EHR's FHIR server, shared by every subclass (closed when the JVM exits). */
    protected static final FhirTestServer FHIR = Shared.SERVER;

    @Autowired
    protected TestRestTemplate http;

    @DynamicPropertySource
    static void fhirServer(DynamicPropertyRegistry properties) {
        properties.add("hsg.fhir.allowed-servers", FHIR::baseUrl);
        properties.add("hsg.fhir.deadline", () -> "20s");
        properties.add("hsg.fhir.read-timeout", () -> "20s");
    }

    @BeforeAll
    static void emptyServer() {
        FHIR.pageSize(5);
        FHIR.reset(List.of());
    }

    private static final class Shared {
        static final FhirTestServer SERVER = FhirTestServer.start(5);

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(SERVER::close, "fhir-test-server-stop"));
        }
    }
}
