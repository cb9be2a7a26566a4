package org.hsgcds.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Stored outcome codes do not depend on the default locale (Turkish lower-cases "I" to dotless "ı"). */
class FeedbackLocaleTest {

    @Test
    void outcomeCodesAreAsciiUnderTurkishDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(Feedback.Outcome.OVERRIDDEN.code()).isEqualTo("overridden");
            assertThat(Feedback.Outcome.ACCEPTED.code()).isEqualTo("accepted");
        } finally {
            Locale.setDefault(saved);
        }
    }
}
