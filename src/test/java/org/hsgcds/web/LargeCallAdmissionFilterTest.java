package org.hsgcds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.hsgcds.orchestration.CpuSlots;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class LargeCallAdmissionFilterTest {

    private static final int LARGE = 1024;

    private final CpuSlots slots = new CpuSlots(1);
    private final LargeCallAdmissionFilter filter = new LargeCallAdmissionFilter(slots, LARGE);
    private final AtomicInteger slotsFreeDownstream = new AtomicInteger(-1);
    private final AtomicReference<String> bodyDownstream = new AtomicReference<>();
    private final FilterChain recordingChain = (request, response) -> {
        slotsFreeDownstream.set(slots.available());
        bodyDownstream.set(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    };

    @Test
    void largeHookCallIsReadThenPassedOnHoldingASlot() throws Exception {
        String body = "{\"hook\":\"order-sign\",\"prefetch\":\"" + "x".repeat(2 * LARGE) + "\"}";

        filter.doFilter(post("/cds-services/hsg-order-sign", body), new MockHttpServletResponse(), recordingChain);

        assertThat(slotsFreeDownstream.get()).isZero();
        assertThat(bodyDownstream.get()).isEqualTo(body);
        assertThat(slots.available()).isEqualTo(1);
    }

    @Test
    void smallHookCallTakesItsSlotLaterAsBefore() throws Exception {
        filter.doFilter(
                post("/cds-services/hsg-order-sign", "{\"hook\":\"order-sign\"}"),
                new MockHttpServletResponse(),
                recordingChain);

        assertThat(slotsFreeDownstream.get()).isEqualTo(1);
        assertThat(bodyDownstream.get()).isEqualTo("{\"hook\":\"order-sign\"}");
    }

    /**
     * #29: a large call refused here (no slot within the wait) is answered by Spring MVC's exception
     * handling, a JSON 503; thrown out of the filter it became the container's 500 (found by
     * LargeOrdinaryCallsProcessTest).
     */
    @Test
    void aLargeCallThatFindsNoSlotInTimeIsHandedToTheErrorHandlingNotThrown() throws Exception {
        AtomicReference<Exception> handled = new AtomicReference<>();
        LargeCallAdmissionFilter bounded = new LargeCallAdmissionFilter(
                slots, LARGE, java.time.Duration.ofMillis(100), (request, response, handler, e) -> {
                    handled.set(e);
                    response.setStatus(503);
                    return new org.springframework.web.servlet.ModelAndView();
                });
        MockHttpServletResponse response = new MockHttpServletResponse();
        try (CpuSlots.Held ignored = slots.hold()) { // held by this thread, the call comes on another
            Thread caller = new Thread(() -> {
                try {
                    bounded.doFilter(
                            post("/cds-services/hsg-order-sign", "{\"prefetch\":\"" + "x".repeat(2 * LARGE) + "\"}"),
                            response,
                            recordingChain);
                } catch (Exception e) {
                    handled.set(e);
                }
            });
            caller.start();
            caller.join(10_000);
        }

        assertThat(handled.get()).isInstanceOf(org.hsgcds.orchestration.SlotsBusyException.class);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(bodyDownstream.get()).isNull();
    }

    @Test
    void largeFeedbackIsNotAHookCall() throws Exception {
        filter.doFilter(
                post("/cds-services/hsg-order-sign/feedback", "x".repeat(2 * LARGE)),
                new MockHttpServletResponse(),
                recordingChain);

        assertThat(slotsFreeDownstream.get()).isEqualTo(1);
    }

    @Test
    void failureDownstreamKeepsItsTypeAndFreesTheSlot() {
        FilterChain failing = (request, response) -> {
            throw new IOException("client went away");
        };

        assertThatThrownBy(() -> filter.doFilter(
                        post("/cds-services/hsg-order-sign", "x".repeat(2 * LARGE)),
                        new MockHttpServletResponse(),
                        failing))
                .isInstanceOf(IOException.class)
                .hasMessage("client went away");
        assertThat(slots.available()).isEqualTo(1);
    }

    private static MockHttpServletRequest post(String path, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
