package org.hsgcds.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.hsgcds.testsupport.Chromium;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Trusted issuers configured and {@code hsg.workbench.enabled=true}: the workbench is served read-only.
 * The page, its assets, the rules and the conformance and rendering checks need no token; everything
 * else, the CDS endpoints above all, still needs a trusted client's JWT. No token is ever presented
 * here, so the configured JWKS URL is never fetched.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "hsg.security.issuers[0].iss=https://ehr.example.org",
            "hsg.public-base-url=https://cds.example.org",
            "hsg.security.issuers[0].jwks-url=http://127.0.0.1:9/jwks",
            "hsg.workbench.enabled=true"
        })
class WorkbenchReadOnlyTest {

    private static final String RESPONSE = "{\"cards\":[]}";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void thePageRulesAndChecksNeedNoToken() throws Exception {
        assertThat(send("GET", "/", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/", null).headers().firstValue("Content-Security-Policy"))
                .hasValue(WorkbenchApiTest.WORKBENCH_POLICY);
        for (String asset : WorkbenchConfiguration.ASSETS) {
            assertThat(send("GET", "/workbench/" + asset, null).statusCode())
                    .as(asset)
                    .isEqualTo(200);
        }
        HttpResponse<String> mode = send("GET", "/workbench/api/mode", null);
        assertThat(mode.statusCode()).isEqualTo(200);
        assertThat(mode.body()).contains("\"mode\":\"read-only\"", "\"tryIt\":false");
        assertThat(send("GET", "/workbench/api/rules", null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/workbench/api/conformance", RESPONSE).statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/workbench/api/render", RESPONSE).statusCode()).isEqualTo(200);
    }

    @Test
    void everythingElseStillNeedsAClientToken() throws Exception {
        String[][] calls = {
            {"GET", "/cds-services"},
            {"POST", "/cds-services/hsg-order-sign"},
            {"POST", "/cds-services/hsg-order-sign/feedback"},
            {"GET", "/analytics/overrides"},
            {"GET", "/workbench/api/examples"},
            {"GET", "/workbench/api/examples/patient-ready"},
            {"POST", "/workbench/api/request"},
            // near misses of the exempt requests: another method, a trailing slash, a path parameter
            {"GET", "/workbench/api/conformance"},
            {"POST", "/workbench/api/rules"},
            {"GET", "/workbench/api/rules/"},
            {"GET", "/workbench/api/rules;x=1"},
            {"GET", "/workbench/other.js"},
            {"POST", "/"},
        };
        for (String[] call : calls) {
            assertThat(send(call[0], call[1], "POST".equals(call[0]) ? RESPONSE : null)
                            .statusCode())
                    .as(call[0] + " " + call[1])
                    .isEqualTo(401);
        }
    }

    @Test
    void thePageWorksReadOnlyInABrowser() throws Exception {
        Chromium.assumeInstalled();
        Path profile = Files.createTempDirectory("hsg-workbench-readonly").resolve("profile");
        try (Chromium browser = Chromium.start(profile, 1280, 900)) {
            browser.open("http://127.0.0.1:" + port + "/");
            browser.waitFor("document.body.getAttribute('data-ready') === 'true'", Duration.ofSeconds(30));
            assertThat(browser.text("document.getElementById('mode-line').textContent"))
                    .contains("Read-only");
            assertThat(browser.eval(
                                    "document.getElementById('try-form').hidden && !document.getElementById('try-off').hidden")
                            .asBoolean())
                    .isTrue();
            browser.eval("document.getElementById('tab-rules').click()");
            assertThat(browser.eval("document.querySelectorAll('#rules-topics tr').length")
                            .asInt())
                    .isGreaterThan(5);
            browser.eval("document.getElementById('tab-overrides').click()");
            assertThat(browser.eval("!document.getElementById('overrides-off').hidden")
                            .asBoolean())
                    .isTrue();
            browser.eval("document.getElementById('tab-conformance').click()");
            browser.eval("document.getElementById('conformance-input').value = '{\"cards\": [{\"summary\": \"x\"}]}'");
            browser.eval("document.getElementById('conformance-check').click()");
            browser.waitFor("document.getElementById('conformance-status').textContent !== ''", Duration.ofSeconds(30));
            assertThat(browser.text("document.getElementById('conformance-status').textContent"))
                    .contains("does not conform to CDS Hooks 2.0", "house rules");
            assertThat(browser.text("document.getElementById('conformance-log').textContent"))
                    .contains("Does not conform", "uuid");
            assertThat(browser.problems())
                    .as("console errors (a call refused with 401 would show here)")
                    .isEmpty();
            assertThat(browser.eval("window.__cspViolations").size()).isZero();
            browser.screenshot(Path.of("target", "workbench-screenshots", "read-only.png"));
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
