package org.hsgcds.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;

/** Open mode with {@code hsg.workbench.enabled=false}: no page, no assets, no workbench API; the service as before. */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "hsg.workbench.enabled=false")
class WorkbenchSwitchedOffTest {

    @Autowired
    TestRestTemplate http;

    @Test
    void nothingOfTheWorkbenchIsServed() {
        for (String path : new String[] {
            "/",
            "/workbench/workbench.js",
            "/workbench/favicon.svg",
            "/workbench/api/mode",
            "/workbench/api/rules",
            "/workbench/api/examples"
        }) {
            assertThat(http.getForEntity(path, String.class).getStatusCode().value())
                    .as(path)
                    .isEqualTo(404);
        }
        assertThat(http.getForEntity("/cds-services", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(200);
    }
}
