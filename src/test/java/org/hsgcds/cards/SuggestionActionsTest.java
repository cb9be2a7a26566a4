package org.hsgcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hsgcds.scenarios.FixedClockConfiguration;
import org.hsgcds.scenarios.Scenario;
import org.hsgcds.scenarios.ScenarioAssertions;
import org.hsgcds.testsupport.HsgServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Applies each suggestion's actions to the draft-order bundle the way an EHR would (delete removes
 * the entry, create adds the resource, update replaces it) and checks the result is valid FHIR R4
 * under HAPI's strict parser, with the content the card promised.
 */
@HsgServiceTest
class SuggestionActionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Autowired
    TestRestTemplate http;

    @Test
    void hycosySuggestionReplacesTheHsgOrderWithAHycosyOrder() throws Exception {
        Scenario scenario = scenario("contrast-allergy-hides-advice-cards");
        Bundle after = apply(scenario, "contrast-allergy", "Order HyCoSy instead of HSG");
        List<ServiceRequest> orders = resources(after, ServiceRequest.class);
        assertThat(orders).hasSize(1);
        ServiceRequest hycosy = orders.get(0);
        assertThat(hycosy.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://www.ama-assn.org/go/cpt");
        assertThat(hycosy.getCode().getCodingFirstRep().getCode()).isEqualTo("76831");
        assertThat(hycosy.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.DRAFT);
        assertThat(hycosy.getSubject().getReference()).isEqualTo("Patient/" + Scenario.PATIENT_ID);
        assertThat(hycosy.getOccurrenceDateTimeType().getValueAsString())
                .isEqualTo(scenario.plannedDate().toString());
    }

    @Test
    void cancelSuggestionLeavesNoHsgOrder() throws Exception {
        Bundle after = apply(scenario("pregnancy-snomed-active-condition"), "pregnancy", "Cancel the HSG order");
        assertThat(resources(after, ServiceRequest.class)).isEmpty();
    }

    @Test
    void timingSuggestionMovesTheOrderToDaySixOfTheNextCycle() throws Exception {
        Scenario scenario = scenario("timing-cycle-day-15-suggests-next-window");
        Bundle after = apply(scenario, "timing", null);
        ServiceRequest order = resources(after, ServiceRequest.class).get(0);
        assertThat(order.getIdElement().getIdPart()).isEqualTo("hsg-order");
        assertThat(order.getCode().getCodingFirstRep().getCode()).isEqualTo("168884001");
        assertThat(order.getOccurrenceDateTimeType().getValueAsString())
                .isEqualTo(scenario.plannedDate().plusDays(19).toString());
    }

    @Test
    void menstruationRescheduleMovesTheOrderToCycleDaySix() throws Exception {
        Scenario scenario = scenario("menstruation-reschedule-suggestion");
        String day =
                scenario.plannedDate().plusDays(4).format(DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH));
        Bundle after = apply(scenario, "menstruation", "Move the HSG to " + day + " (first window day)");
        ServiceRequest order = resources(after, ServiceRequest.class).get(0);
        assertThat(order.getOccurrenceDateTimeType().getValueAsString())
                .isEqualTo(scenario.plannedDate().plusDays(4).toString());
    }

    @Test
    void pregnancyTestSuggestionAddsADraftUrineHcgOrderBeforeTheHsg() throws Exception {
        Scenario scenario = scenario("pregnancy-test-missing");
        Bundle after = apply(scenario, "pregnancy-test", null);
        List<ServiceRequest> orders = resources(after, ServiceRequest.class);
        assertThat(orders).hasSize(2);
        ServiceRequest test = orders.get(1);
        assertThat(test.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
        assertThat(test.getCode().getCodingFirstRep().getCode()).isEqualTo("2106-3");
        assertThat(test.getIntent()).isEqualTo(ServiceRequest.ServiceRequestIntent.ORDER);
        assertThat(test.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.DRAFT);
        assertThat(test.getOccurrenceDateTimeType().getValueAsString())
                .as("RULES.md v3: the suggested hCG test is dated on the planned date")
                .isEqualTo(scenario.plannedDate().toString());
    }

    @Test
    void prophylaxisSuggestionAddsADraftDoxycyclineProposal() throws Exception {
        Bundle after = apply(scenario("antibiotic-prophylaxis-resolved-pid"), "antibiotic-prophylaxis", null);
        List<MedicationRequest> prescriptions = resources(after, MedicationRequest.class);
        assertThat(prescriptions).hasSize(1);
        MedicationRequest doxycycline = prescriptions.get(0);
        assertThat(doxycycline
                        .getMedicationCodeableConcept()
                        .getCodingFirstRep()
                        .getSystem())
                .isEqualTo("http://www.nlm.nih.gov/research/umls/rxnorm");
        assertThat(doxycycline.getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.DRAFT);
        assertThat(doxycycline.getIntent()).isEqualTo(MedicationRequest.MedicationRequestIntent.PROPOSAL);
        assertThat(doxycycline
                        .getDosageInstructionFirstRep()
                        .getDoseAndRateFirstRep()
                        .getDoseQuantity()
                        .getValue())
                .isEqualByComparingTo("100");
    }

    @Test
    void handoutLinkedFromThePreparationCardIsServedAsHtml() throws Exception {
        JsonNode card = ScenarioAssertions.card(post(scenario("ready-order-only-info-cards")), "preparation");
        String url = card.path("links").get(0).path("url").asText();
        assertThat(url).startsWith("http://").endsWith("/handouts/hsg-patient-guide.html");
        ResponseEntity<String> page = http.getForEntity(url, String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
                .isTrue();
        assertThat(page.getBody()).contains("Before the test", "After the test", "HyCoSy");
        // One policy, allowing the page's inline style: two policies would both apply and block it.
        assertThat(page.getHeaders().get("Content-Security-Policy"))
                .singleElement()
                .satisfies(policy -> assertThat(policy).contains("style-src 'unsafe-inline'"));
        assertThat(http.getForEntity("/handouts/no-such-page.html", String.class)
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
    }

    private Bundle apply(Scenario scenario, String topic, String suggestionLabel) throws Exception {
        ObjectNode request = scenario.request();
        JsonNode card = ScenarioAssertions.card(post(scenario), topic);
        assertThat(card).as(topic + " card").isNotNull();
        JsonNode suggestion = null;
        for (JsonNode s : card.path("suggestions")) {
            if (suggestionLabel == null
                    || suggestionLabel.equals(s.path("label").asText())) {
                suggestion = s;
                break;
            }
        }
        assertThat(suggestion)
                .as("suggestion '" + suggestionLabel + "' on " + card.path("suggestions"))
                .isNotNull();
        ObjectNode bundle = (ObjectNode) request.path("context").path("draftOrders");
        ArrayNode entries = (ArrayNode) bundle.path("entry");
        int created = 0;
        for (JsonNode action : suggestion.path("actions")) {
            switch (action.path("type").asText()) {
                case "delete" -> removeEntry(entries, action.path("resourceId").asText());
                case "create" -> {
                    ObjectNode resource = action.path("resource").deepCopy();
                    resource.put("id", "created-" + (++created));
                    entries.addObject().set("resource", resource);
                }
                case "update" -> {
                    JsonNode resource = action.path("resource");
                    String reference = resource.path("resourceType").asText() + "/"
                            + resource.path("id").asText();
                    assertThat(removeEntry(entries, reference))
                            .as("update targets an existing draft order")
                            .isTrue();
                    entries.addObject().set("resource", resource.deepCopy());
                }
                default -> throw new AssertionError("unknown action type " + action);
            }
        }
        return FHIR.newJsonParser()
                .setParserErrorHandler(new StrictErrorHandler())
                .parseResource(Bundle.class, bundle.toString());
    }

    private static boolean removeEntry(ArrayNode entries, String reference) {
        for (int i = 0; i < entries.size(); i++) {
            JsonNode resource = entries.get(i).path("resource");
            if (reference.equals(resource.path("resourceType").asText() + "/"
                    + resource.path("id").asText())) {
                entries.remove(i);
                return true;
            }
        }
        return false;
    }

    private static <T extends Resource> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    private JsonNode post(Scenario scenario) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = http.postForEntity(
                "/cds-services/" + scenario.serviceId(),
                new HttpEntity<>(scenario.request().toString(), headers),
                String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        return JSON.readTree(response.getBody());
    }

    private static Scenario scenario(String name) {
        return Scenario.load(Path.of("src/test/resources/scenarios", name + ".json"), FixedClockConfiguration.TODAY);
    }
}
