package org.hsgcds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hsgcds.testsupport.HsgServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Shape variation (RULES.md v3): every scenario that finds a contraindication is sent again with each of its records
 * re-expressed in the other shapes an EHR may use for the same fact ({@link ShapeVariants}); none of the variants may
 * earn the all-clear. The test prints how many variants it ran and fails naming every variant that found a gap.
 */
@HsgServiceTest
class ShapeVariationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CONTRAINDICATIONS = Set.of(
            "pregnancy",
            "genital-inflammation",
            "contrast-allergy",
            "recent-uterine-event",
            "menstruation",
            "systemic-disease");

    @Autowired
    TestRestTemplate http;

    @Test
    void noShapeOfAContraindicationEarnsTheAllClear() throws Exception {
        List<Scenario> scenarios = ScenarioSuiteTest.scenarios()
                .filter(ShapeVariationTest::findsAContraindication)
                .toList();
        List<String> gaps = new ArrayList<>();
        int variants = 0;
        for (Scenario scenario : scenarios) {
            for (ShapeVariants.Variant variant : ShapeVariants.of(scenario.request())) {
                variants++;
                JsonNode body = post(scenario.serviceId(), variant.request().toString());
                if (hasEligible(body)) {
                    gaps.add(scenario.name() + ": " + variant.name());
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Shape variation: %d variants of %d contraindication scenarios, %d gap(s)%n",
                variants,
                scenarios.size(),
                gaps.size());
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(60);
        assertThat(variants).isGreaterThanOrEqualTo(500);
        assertThat(gaps).as("variants that earned the all-clear").isEmpty();
    }

    /** Expects a card of a contraindication topic and no all-clear, from an answered call. */
    static boolean findsAContraindication(Scenario scenario) {
        JsonNode expect = scenario.expect();
        if (expect.path("status").asInt(200) != 200 || expect.path("noCards").asBoolean(false)) {
            return false;
        }
        boolean contraindication = false;
        for (var names = expect.path("present").fieldNames(); names.hasNext(); ) {
            String topic = names.next();
            contraindication |= CONTRAINDICATIONS.contains(topic);
            if ("eligible".equals(topic)) {
                return false;
            }
        }
        return contraindication;
    }

    private static boolean hasEligible(JsonNode body) {
        for (JsonNode card : body.path("cards")) {
            if ("eligible".equals(card.path("source").path("topic").path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private JsonNode post(String serviceId, String body) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response =
                http.postForEntity("/cds-services/" + serviceId, new HttpEntity<>(body, headers), String.class);
        return JSON.readTree(response.getBody() == null ? "{}" : response.getBody());
    }
}
