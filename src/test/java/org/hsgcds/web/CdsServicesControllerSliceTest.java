package org.hsgcds.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ca.uhn.fhir.context.FhirContext;
import org.hsgcds.content.ContentException;
import org.hsgcds.orchestration.HookCallException;
import org.hsgcds.orchestration.HookService;
import org.hsgcds.prefetch.PrefetchRequiredException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The {@code @WebMvcTest} slice of the hook endpoint: Spring MVC as the service configures it (message converters,
 * {@link ApiErrorHandler} found by component scanning, the controller's mappings), nothing below it. Each failure
 * the core can throw from a hook call comes back as its status and JSON body; the core is a Mockito bean.
 */
// The workbench's MVC configuration (its page, assets and CSP) is another feature's slice.
@WebMvcTest(
        controllers = CdsServicesController.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.hsgcds\\.workbench\\..*"))
class CdsServicesControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    HookService hooks;

    @MockitoBean
    PublicBaseUrl publicBaseUrl;

    /** The FHIR endpoints' error advice is scanned into the slice too, and needs the one FhirContext. */
    @TestConfiguration
    static class Fhir {
        @Bean
        FhirContext fhirContext() {
            return FhirContext.forR4Cached();
        }
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "invalid, 400, invalid_request",
        "unknown, 404, unknown_service",
        "prefetch, 412, prefetch_required",
        "content, 422, content_invalid",
        "other, 500, internal_error"
    })
    void aFailureOfTheHookCallBecomesItsStatusAndAJsonBody(String kind, int status, String error) throws Exception {
        RuntimeException failure = switch (kind) {
            case "invalid" -> HookCallException.invalid("context.patientId is missing");
            case "unknown" -> HookCallException.unknownService("nope");
            case "prefetch" -> new PrefetchRequiredException("The prefetch key conditions is missing");
            case "content" -> new ContentException("cql/x.cards.json is not valid");
            default -> new IllegalStateException("something broke");
        };
        when(publicBaseUrl.resolve()).thenReturn("http://localhost");
        when(hooks.serviceTag(anyString())).thenReturn("hsg-order-sign");
        when(hooks.answer(eq("hsg-order-sign"), any(), any(), any())).thenThrow(failure);

        mvc.perform(
                        post("/cds-services/hsg-order-sign")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"hook\": \"order-sign\", \"hookInstance\": \"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\"}"))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.error").value(error))
                .andExpect(jsonPath("$.message").isNotEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"not json at all, 400", "'{\"hook\": ', 400"})
    void aBodyThatIsNotJsonIs400(String body, int status) throws Exception {
        mvc.perform(post("/cds-services/hsg-order-sign")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().is(status))
                .andExpect(jsonPath("$.error").value("malformed_json"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"text/plain, 415"})
    void aBodyOfAnotherMediaTypeIs415(String type, int status) throws Exception {
        mvc.perform(post("/cds-services/hsg-order-sign").contentType(type).content("{}"))
                .andExpect(status().is(status));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/cds-services/hsg-order-sign, 405"})
    void getOnAServiceIs405(String path, int status) throws Exception {
        mvc.perform(get(path))
                .andExpect(status().is(status))
                .andExpect(jsonPath("$.error").value("method_not_allowed"));
    }
}
