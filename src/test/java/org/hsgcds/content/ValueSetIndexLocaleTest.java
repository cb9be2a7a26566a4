package org.hsgcds.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ICD-10-CM family matching does not depend on the default locale (Turkish upper-cases "i" to "İ"). */
class ValueSetIndexLocaleTest {

    @Test
    void lowerCaseIcdCodeMatchesItsFamilyUnderTurkishDefaultLocale() {
        var index = new ValueSetIndex(
                Map.of("http://example.org/vs/heart-failure", new ValueSetIndex.Members(Set.of(), List.of("I50"))));
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(index.contains("http://example.org/vs/heart-failure", ValueSetIndex.ICD10CM, "i50.9"))
                    .isTrue();
        } finally {
            Locale.setDefault(saved);
        }
    }
}
