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
