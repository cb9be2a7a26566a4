package org.hsgcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hsgcds.cdshooks.Coding;
import org.hsgcds.cdshooks.FeedbackRequest;
import org.hsgcds.web.ApiRequestException;
import org.junit.jupiter.api.Test;

class FeedbackValidatorTest {

    private static final String CARD = "2b1c6a3e-5f0d-4c1e-9a7b-3d2e1f0a9b8c";
    private static final String AT = "2025-03-01T10:00:00Z";
    private final FeedbackValidator validator = new FeedbackValidator();

    @Test
    void shouldAcceptSpecExamplesAndNormaliseTheTimestampToUtc() {
        List<Feedback> items = feedback(validator.validate(new FeedbackRequest(List.of(
                new FeedbackRequest.Item(
                        CARD, "accepted", List.of(new FeedbackRequest.AcceptedSuggestion("s-1")), null, AT),
                new FeedbackRequest.Item(
                        CARD,
                        "overridden",
                        null,
                        new FeedbackRequest.OverrideReason(
                                new Coding("http://example.org/reasons", "already-excluded", "Already excluded"),
                                "seen"),
                        "2025-03-01T11:00:00.1234567+01:00")))));

        assertThat(items.get(0).acceptedSuggestions()).containsExactly("s-1");
        assertThat(items.get(1).reason().code()).isEqualTo("already-excluded");
        assertThat(items.get(1).outcomeAt().toString()).isEqualTo("2025-03-01T10:00:00.123456Z");
    }

    @Test
    void shouldNameTheItemAndFieldThatIsWrong() {
        assertRejected(item("not-a-uuid", "overridden", null, null, AT), "feedback[0].card");
        assertRejected(item(CARD, "dismissed", null, null, AT), "feedback[0].outcome");
        assertRejected(item(CARD, "accepted", null, null, AT), "feedback[0].acceptedSuggestions is required");
        assertRejected(
                item(CARD, "overridden", null, new FeedbackRequest.OverrideReason(null, null), AT),
                "feedback[0].overrideReason must hold a reason or a userComment");
        assertRejected(
                item(CARD, "overridden", List.of(), null, AT),
                "feedback[0].acceptedSuggestions must not be an empty array");
        assertRejected(
                item(
                        CARD,
                        "overridden",
                        null,
                        new FeedbackRequest.OverrideReason(new Coding(null, "x", null), null),
                        AT),
                "feedback[0].overrideReason.reason.system");
        assertRejected(item(CARD, "overridden", null, null, null), "feedback[0].outcomeTimestamp is required");
        assertRejected(item(CARD, "overridden", null, null, "2025-03-01T10:00:00"), "feedback[0].outcomeTimestamp");
        assertRejected(
                item(CARD, "overridden", null, new FeedbackRequest.OverrideReason(null, "x".repeat(2001)), AT),
                "feedback[0].overrideReason.userComment");
    }

    @Test
    void shouldAcceptWhatCdsHooks20AllowsBesideTheOutcome() {
        List<Feedback> items = feedback(validator.validate(new FeedbackRequest(List.of(
                item(
                        CARD,
                        "overridden",
                        List.of(new FeedbackRequest.AcceptedSuggestion("s-1")),
                        new FeedbackRequest.OverrideReason(null, "took the cancel suggestion only"),
                        AT),
                item(
                        CARD,
                        "accepted",
                        List.of(new FeedbackRequest.AcceptedSuggestion("s-2")),
                        new FeedbackRequest.OverrideReason(new Coding("http://example.org/reasons", "x", null), null),
                        AT)))));
        assertThat(items.get(0).acceptedSuggestions()).containsExactly("s-1");
        assertThat(items.get(0).userComment()).isEqualTo("took the cancel suggestion only");
        assertThat(items.get(1).reason().code()).isEqualTo("x");
    }

    @Test
    void shouldKeepTheValidItemsBesideABadOne() {
        List<FeedbackValidator.Checked> checked = validator.validate(new FeedbackRequest(List.of(
                item(CARD, "overridden", null, null, AT),
                item(CARD, "dismissed", null, null, AT),
                item(CARD, "overridden", null, new FeedbackRequest.OverrideReason(null, null), AT))));
        assertThat(checked).extracting(FeedbackValidator.Checked::valid).containsExactly(true, false, false);
        assertThat(checked.get(1).problem()).startsWith("feedback[1].outcome");
        assertThat(checked.get(2).problem()).startsWith("feedback[2].overrideReason");
    }

    @Test
    void shouldRejectAMissingOrEmptyFeedbackArray() {
        assertThatThrownBy(() -> validator.validate(null))
                .isInstanceOf(ApiRequestException.class)
                .hasMessageContaining("feedback");
        assertThatThrownBy(() -> validator.validate(new FeedbackRequest(List.of())))
                .hasMessageContaining("between 1 and");
    }

    private static List<Feedback> feedback(List<FeedbackValidator.Checked> checked) {
        return checked.stream().map(FeedbackValidator.Checked::feedback).toList();
    }

    private static FeedbackRequest.Item item(
            String card,
            String outcome,
            List<FeedbackRequest.AcceptedSuggestion> accepted,
            FeedbackRequest.OverrideReason reason,
            String at) {
        return new FeedbackRequest.Item(card, outcome, accepted, reason, at);
    }

    private void assertRejected(FeedbackRequest.Item item, String message) {
        assertThatThrownBy(() -> validator.validate(new FeedbackRequest(List.of(item))))
                .isInstanceOf(ApiRequestException.class)
                .hasMessageContaining(message);
    }
}
