package org.hsgcds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/** A client that closed its connection before the answer was written is no failure of the service. */
@ExtendWith(OutputCaptureExtension.class)
class ClientGoneTest {

    private final ApiErrorHandler handler = new ApiErrorHandler();

    @Test
    void aClosedConnectionIsNotLoggedAsAnUnexpectedFailure(CapturedOutput output) {
        handler.clientGone(new AsyncRequestNotUsableException(
                "Response not usable after response errors.", new IOException("Broken pipe")));

        assertThat(output.getAll()).doesNotContain("ERROR").doesNotContain("Unexpected failure");
    }

    @Test
    void anyOtherFailureStillIs(CapturedOutput output) {
        var answer = handler.unexpected(new IllegalStateException("a bug"));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(output.getAll()).contains("ERROR").contains("Unexpected failure answering a request");
    }

    @Test
    void aCallWhoseClientWentAwayIs503WithAJsonBodyAndNoError(CapturedOutput output) {
        var answer = handler.abandoned(new org.hsgcds.orchestration.CallAbandonedException());

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().error()).isEqualTo("client_gone");
        assertThat(ApiErrorHandler.statusOf(new org.hsgcds.orchestration.CallAbandonedException())
                        .value())
                .isEqualTo(503);
        assertThat(output.getAll()).doesNotContain("ERROR");
    }

    @Test
    void busySlotsAre503WithRetryAfter() {
        var answer =
                handler.slotsBusy(new org.hsgcds.orchestration.SlotsBusyException(java.time.Duration.ofSeconds(10)));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(answer.getBody().error()).isEqualTo("busy");
    }
}
