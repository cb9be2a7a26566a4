package org.hsgcds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.hsgcds.content.ContentException;
import org.hsgcds.orchestration.HookCallException;
import org.hsgcds.orchestration.HookMetrics;
import org.hsgcds.orchestration.HookService;
import org.hsgcds.prefetch.PrefetchRequiredException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web slice alone, in milliseconds: each failure the core throws becomes its status and JSON body in
 * {@link ApiErrorHandler}, the one place that chooses statuses, and {@link CdsServicesController} records the status
 * it answered with. No application context, no content: MockMvc over the controller and the advice, the hook service
 * a stub. (The whole-service tests, e.g. {@code HookErrorResponsesTest}, check the same over HTTP.)
 */
class ApiStatusMappingTest {

    private final HookService hooks = mock(HookService.class);
    private final HookMetrics metrics = mock(HookMetrics.class);
    private MockMvc mvc;

    /** Throws what the path names, as the core would. */
    @RestController
    static class Thrower {
        @PostMapping("/throw/{kind}")
        String raise(@PathVariable("kind") String kind) {
            throw switch (kind) {
                case "invalid" -> HookCallException.invalid("context.patientId is missing");
                case "unknown" -> HookCallException.unknownService("nope");
                case "prefetch" -> new PrefetchRequiredException("The prefetch key conditions is missing");
                case "api" -> ApiRequestException.badRequest("plannedDate must be a date, YYYY-MM-DD");
                case "content" -> new ContentException("cql/x.cards.json is not valid");
                default -> new IllegalStateException("Hanna Testpatient's record broke it");
            };
        }
    }

    @BeforeEach
    void setUp() {
        PublicBaseUrl baseUrl = mock(PublicBaseUrl.class);
        when(baseUrl.resolve()).thenReturn("http://localhost");
        when(hooks.serviceTag(anyString())).thenReturn("hsg-order-sign");
        @SuppressWarnings("unchecked")
        ObjectProvider<HookMetrics> provider = mock(ObjectProvider.class);
        when(provider.getIfAvailable(any())).thenReturn(metrics);
        mvc = MockMvcBuilders.standaloneSetup(new CdsServicesController(hooks, baseUrl, provider), new Thrower())
                .setControllerAdvice(new ApiErrorHandler())
                .build();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "invalid, 400, invalid_request",
        "unknown, 404, unknown_service",
        "prefetch, 412, prefetch_required",
        "api, 400, invalid_request",
        "content, 422, content_invalid",
        "other, 500, internal_error"
    })
    void eachFailureBecomesItsStatusAndAJsonBody(String kind, int status, String error) throws Exception {
        mvc.perform(post("/throw/" + kind))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.error").value(error))
                .andExpect(jsonPath("$.message").isNotEmpty());
    }

    @Test
    void anUnexpectedFailureSaysNothingOfTheRequestData() throws Exception {
        String body = mvc.perform(post("/throw/other"))
                .andExpect(status().isInternalServerError())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body).doesNotContain("Hanna").doesNotContain("IllegalStateException");
    }

    @Test
    void malformedJsonIs400WithWhereItBroke() throws Exception {
        mvc.perform(post("/cds-services/hsg-order-sign")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hook\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("malformed_json"));
    }

    @Test
    void aBodyThatIsNotJsonIs415() throws Exception {
        mvc.perform(post("/cds-services/hsg-order-sign")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("hook=order-sign"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.error").value("unsupported_media_type"));
    }

    @Test
    void getOnAServiceIs405() throws Exception {
        mvc.perform(get("/cds-services/hsg-order-sign"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.error").value("method_not_allowed"));
    }

    @Test
    void anUnknownServiceIs404AndIsCountedAs404() throws Exception {
        when(hooks.answer(eq("nope"), any(), any(), any())).thenThrow(HookCallException.unknownService("nope"));
        when(hooks.serviceTag("nope")).thenReturn("unknown");

        mvc.perform(post("/cds-services/nope")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hook\": \"order-sign\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error").value("unknown_service"));

        verify(metrics).hookCall(eq("unknown"), eq(404), any(Duration.class));
    }

    @Test
    void aMissingPrefetchIs412AndIsCountedAs412() throws Exception {
        when(hooks.answer(eq("hsg-order-sign"), any(), any(), any()))
                .thenThrow(new PrefetchRequiredException("The prefetch key conditions is missing"));

        mvc.perform(post("/cds-services/hsg-order-sign")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"hook\": \"order-sign\"}"))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.error").value("prefetch_required"));

        verify(metrics).hookCall(eq("hsg-order-sign"), eq(412), any(Duration.class));
    }
}
