package org.hsgcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedServersTest {

    private final AllowedServers allowed =
            AllowedServers.of(List.of("https://EHR.example.org:443/fhir/", "http://127.0.0.1:8090/r4"));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://ehr.example.org/fhir",
                "HTTPS://EHR.EXAMPLE.ORG/fhir/",
                "https://ehr.example.org.:443/fhir",
                "https://ehr.example.org/fhir/tenant-a",
                "http://127.0.0.1:8090/r4"
            })
    void allowsTheListedServersInAnySpelling(String fhirServer) {
        assertThat(allowed.match(fhirServer)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://ehr.example.org@evil.example.com/fhir",
                "https://evil.example.com@ehr.example.org/fhir",
                "https://ehr.example.org.evil.com/fhir",
                "https://evil-ehr.example.org/fhir",
                "https://ehr.example.org/fhirx",
                "https://ehr.example.org/",
                "https://ehr.example.org/fhir/../admin",
                "https://ehr.example.org/fhir/%2e%2e/admin",
                "https://ehr.example.org/fhir?x=1",
                "https://ehr.example.org/fhir#x",
                "https://ehr.example.org:8443/fhir",
                "http://ehr.example.org/fhir",
                "http://localhost:8090/r4",
                "http://127.0.0.1:8091/r4",
                "ftp://ehr.example.org/fhir",
                "//ehr.example.org/fhir",
                "ehr.example.org/fhir",
                "https://ehr.example.org\\@evil.com/fhir",
                ""
            })
    void refusesEverythingElse(String fhirServer) {
        assertThat(allowed.match(fhirServer)).isEmpty();
    }

    @Test
    void nextLinksMustStayOnTheRequestedServer() {
        ServerBase server = allowed.match("https://ehr.example.org/fhir").orElseThrow();

        assertThat(server.within("https://ehr.example.org/fhir?_getpages=abc&_getpagesoffset=5"))
                .isPresent();
        assertThat(server.within("https://ehr.example.org:443/fhir/Observation?patient=1&page=2"))
                .isPresent();
        assertThat(server.within("Observation?patient=1&page=2")).isPresent();
        assertThat(server.within("https://evil.example.com/fhir?_getpages=abc")).isEmpty();
        assertThat(server.within("https://ehr.example.org@evil.example.com/fhir"))
                .isEmpty();
        assertThat(server.within("http://ehr.example.org/fhir?_getpages=abc")).isEmpty();
        assertThat(server.within("https://ehr.example.org/other?_getpages=abc")).isEmpty();
        assertThat(server.within("../admin")).isEmpty();
        assertThat(server.within("//evil.example.com/fhir")).isEmpty();
    }

    @Test
    void aQueryBecomesAUrlOnTheServer() {
        ServerBase server = allowed.match("https://ehr.example.org/fhir/").orElseThrow();

        assertThat(server.query("Condition?patient=p1"))
                .hasValueSatisfying(
                        uri -> assertThat(uri).hasToString("https://ehr.example.org/fhir/Condition?patient=p1"));
        assertThat(server.query("../admin")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://ehr.example.org/fhir",
                "https://user:pw@ehr.example.org/fhir",
                "https://ehr.example.org/fhir?x",
                "not a url"
            })
    void aBadEntryStopsStartUp(String entry) {
        assertThatThrownBy(() -> AllowedServers.of(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hsg.fhir.allowed-servers");
    }

    @Test
    void loopbackMayBeHttpWhenNamedExplicitly() {
        assertThat(AllowedServers.of(List.of(
                                "http://localhost:8080/fhir", "http://[::1]:8080/fhir", "http://127.0.0.2/fhir"))
                        .isEmpty())
                .isFalse();
    }
}
