package org.hsgcds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.testsupport.HsgServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Validates with HAPI's instance validator and the R4 core profiles (offline): every FHIR resource
 * under {@code fhir-resources/} (value sets, example Bundles, the resources inside the example hook
 * requests), every resource a suggestion carries in the scenario suite, and the draft orders after
 * each suggestion is applied. Errors and fatal issues fail the test; warnings (such as code systems
 * the offline validator cannot expand) do not.
 */
@HsgServiceTest
class FhirValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://ehr.example.org/fhir/";
    private static FhirValidator validator;

    @Autowired
    TestRestTemplate http;

    private final List<String> errors = new ArrayList<>();
    private int validated;

    @BeforeAll
    static void validator() {
        FhirContext fhir = FhirContext.forR4Cached();
        var support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir));
        validator = fhir.newValidator();
        var module = new FhirInstanceValidator(support);
        module.setAnyExtensionsAllowed(true);
        validator.registerValidatorModule(module);
    }

    @Test
    void everyFileUnderFhirResourcesValidates() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("fhir-resources"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode json = JSON.readTree(file.toFile());
                if (json.has("resourceType")) {
                    validate(file.toString(), json);
                } else if (json.has("hook")) {
                    if (!json.path("hookInstance")
                            .asText()
                            .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                        errors.add(file + ": hookInstance " + json.path("hookInstance") + " is not a UUID");
                    }
                    validate(file + " context.draftOrders", json.path("context").path("draftOrders"));
                    json.path("prefetch")
                            .fields()
                            .forEachRemaining(f -> validate(file + " prefetch." + f.getKey(), f.getValue()));
                }
            }
        }
        System.out.println("FhirValidationTest: fhir-resources/ resources validated: " + validated);
        assertThat(validated).isGreaterThan(20);
        assertThat(errors).isEmpty();
    }

    @Test
    void everySuggestionOfTheScenarioSuiteAndTheDraftOrdersAfterItValidate() throws IOException {
        Path dir = Path.of("src/test/resources/scenarios");
        int suggestions = 0;
        for (Path file : Scenario.files(dir)) {
            Scenario scenario = Scenario.load(file, FixedClockConfiguration.TODAY);
            ResponseEntity<String> response = post(scenario);
            if (response.getStatusCode().value() != 200) {
                continue;
            }
            ObjectNode draftOrders =
                    withFullUrls((ObjectNode) scenario.request().path("context").path("draftOrders"));
            for (JsonNode card : JSON.readTree(response.getBody()).path("cards")) {
                for (JsonNode suggestion : card.path("suggestions")) {
                    suggestions++;
                    ObjectNode after = draftOrders.deepCopy();
                    for (JsonNode action : suggestion.path("actions")) {
                        String at = scenario.name() + " "
                                + card.path("source").path("topic").path("code").asText() + " "
                                + action.path("type").asText();
                        if (action.has("resource")) {
                            validate(at + " resource", action.get("resource"));
                        }
                        apply(after, action);
                    }
                    validate(
                            scenario.name() + " draft orders after '"
                                    + suggestion.path("label").asText() + "'",
                            after);
                }
            }
        }
        System.out.println("FhirValidationTest: " + suggestions + " suggestions; resources validated: " + validated);
        assertThat(suggestions).isGreaterThan(10);
        assertThat(errors).isEmpty();
    }

    /** A CDS Hooks action applied to the draft orders as an EHR would: create adds, update replaces, delete removes. */
    private static void apply(ObjectNode bundle, JsonNode action) {
        ArrayNode entries = bundle.withArray("entry");
        switch (action.path("type").asText()) {
            case "create" -> {
                ObjectNode resource = (ObjectNode) action.get("resource").deepCopy();
                String id = resource.has("id") ? resource.get("id").asText() : null;
                entries.addObject()
                        .put(
                                "fullUrl",
                                id == null
                                        ? "urn:uuid:" + UUID.randomUUID()
                                        : BASE + resource.path("resourceType").asText() + "/" + id)
                        .set("resource", resource);
            }
            case "update" -> {
                JsonNode resource = action.get("resource");
                for (JsonNode entry : entries) {
                    if (reference(entry.path("resource")).equals(reference(resource))) {
                        ((ObjectNode) entry).set("resource", resource.deepCopy());
                    }
                }
            }
            case "delete" -> {
                for (int i = entries.size() - 1; i >= 0; i--) {
                    if (reference(entries.get(i).path("resource"))
                            .equals(action.path("resourceId").asText())) {
                        entries.remove(i);
                    }
                }
            }
            default -> throw new AssertionError("unknown action type " + action);
        }
        if (entries.isEmpty()) {
            bundle.remove("entry");
        }
    }

    private static ObjectNode withFullUrls(ObjectNode bundle) {
        ObjectNode copy = bundle.deepCopy();
        for (JsonNode entry : copy.path("entry")) {
            if (!entry.has("fullUrl")) {
                ((ObjectNode) entry).put("fullUrl", BASE + reference(entry.path("resource")));
            }
        }
        return copy;
    }

    private static String reference(JsonNode resource) {
        return resource.path("resourceType").asText() + "/"
                + resource.path("id").asText();
    }

    private void validate(String what, JsonNode resource) {
        if (resource == null || !resource.isObject()) {
            return;
        }
        validated++;
        validator.validateWithResult(resource.toString()).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .forEach(m -> errors.add(what + ": " + m.getLocationString() + " " + m.getMessage()));
    }

    private ResponseEntity<String> post(Scenario scenario) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity(
                "/cds-services/" + scenario.serviceId(),
                new HttpEntity<>(scenario.request().toString(), headers),
                String.class);
    }
}
