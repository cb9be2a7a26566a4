package org.hsgcds.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.ChildService;
import org.hsgcds.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's JVM options (docker/jvm.options) run the bean definitions Spring generated at build time
 * ({@code -Dspring.aot.enabled=true}, the {@code process-aot} goal). Conditions are fixed at build time then, so
 * these start the service as a child JVM with those options and check that it really runs the generated
 * definitions, that it answers hook calls with the rules' cards, and that the settings a hospital gives at start-up
 * (workbench off, trusted issuers) still act.
 */
class SpringAotModeProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOK = "/cds-services/hsg-order-sign";

    @TempDir
    Path data;

    @Test
    void theImageOptionsRunTheGeneratedDefinitionsAndAnswerWithTheRulesCards() throws Exception {
        try (ChildService service = ChildService.start("256m", data)) {
            assertThat(service.output()).contains("Starting AOT-processed HsgCdsApplication");

            HttpResponse<String> pregnant = service.postJson(HOOK, request("pregnancy-hcg-30-iu-l-positive.json"));
            assertThat(pregnant.statusCode()).isEqualTo(200);
            assertThat(cardCodes(pregnant)).contains("pregnancy").doesNotContain("eligible");

            HttpResponse<String> clean = service.postJson(HOOK, request("eligible-clean-record.json"));
            assertThat(clean.statusCode()).isEqualTo(200);
            assertThat(cardCodes(clean)).contains("eligible").doesNotContain("pregnancy");

            assertThat(get(service, "/").statusCode())
                    .as("the workbench, on by default")
                    .isEqualTo(200);
        }
    }

    @Test
    void theWorkbenchSwitchedOffAtStartUpIsOff() throws Exception {
        try (ChildService service = ChildService.start("256m", data, "--hsg.workbench.enabled=false")) {
            assertThat(service.output()).contains("Starting AOT-processed HsgCdsApplication");
            assertThat(get(service, "/").statusCode()).isEqualTo(404);
            assertThat(service.postJson(HOOK, request("eligible-clean-record.json"))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void trustedIssuersGivenAtStartUpRequireATokenForDiscoveryAndHooks() throws Exception {
        try (ChildService service = ChildService.start(
                "256m",
                data,
                "--hsg.public-base-url=https://cds.example.org",
                "--hsg.security.issuers[0].iss=https://ehr.example.org",
                "--hsg.security.issuers[0].jwks-url=http://127.0.0.1:9/jwks",
                "--hsg.workbench.enabled=true")) {
            assertThat(service.output()).contains("Starting AOT-processed HsgCdsApplication");
            assertThat(get(service, "/cds-services").statusCode())
                    .as("discovery without a token")
                    .isEqualTo(401);
            assertThat(service.postJson(HOOK, request("eligible-clean-record.json"))
                            .statusCode())
                    .as("a hook call without a token")
                    .isEqualTo(401);
            assertThat(get(service, "/").statusCode())
                    .as("the read-only workbench page")
                    .isEqualTo(200);
        }
    }

    private static String request(String scenario) {
        return Scenario.load(Path.of("src/test/resources/scenarios", scenario), LocalDate.now(ZoneOffset.UTC))
                .request()
                .toString();
    }

    private static java.util.List<String> cardCodes(HttpResponse<String> answer) throws Exception {
        JsonNode body = JSON.readTree(answer.body());
        return body.path("cards").findValuesAsText("code");
    }

    private static HttpResponse<String> get(ChildService service, String path) throws Exception {
        return LocalHttp.client()
                .send(
                        HttpRequest.newBuilder(URI.create(service.base() + path))
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
