package org.hsgcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** Record strings reach card Markdown as the characters they hold, and no more of them than a card can show. */
class RecordTextTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-01");
    private final EvidenceFormatter evidence = new EvidenceFormatter();

    @Test
    void markdownAndHtmlAreEscaped() {
        assertThat(RecordText.markdown("<img src=x> [a](javascript:x) ![p](u) *b* _e_ `c` # h | ~s~ & \\"))
                .isEqualTo(
                        "&lt;img src=x&gt; \\[a\\](javascript:x) \\!\\[p\\](u) \\*b\\* \\_e\\_ \\`c\\` \\# h \\| \\~s\\~ &amp; \\\\");
        assertThat(RecordText.markdown("# heading")).startsWith("\\#");
        assertThat(RecordText.markdown("- item")).isEqualTo("\\- item");
        assertThat(RecordText.markdown("12. item")).isEqualTo("12\\. item");
        assertThat(RecordText.markdown("Pregnant (finding)")).isEqualTo("Pregnant (finding)");
    }

    @Test
    void urlsAndMailAddressesCannotBecomeLinks() {
        assertThat(RecordText.markdown("https://evil.example")).isEqualTo("https:\u200B//evil.example");
        assertThat(RecordText.markdown("www.evil.example")).isEqualTo("www\u200B.evil.example");
        assertThat(RecordText.markdown("a@evil.example")).isEqualTo("a\uFF20evil.example");
    }

    @Test
    void controlBidiAndZeroWidthCharactersAreRemovedAndWhitespaceCollapsed() {
        assertThat(RecordText.markdown("a\u202Eb\u202C\u2066c\u2069\u0000d\u0007\u200Be\uFEFF\ud800f"))
                .isEqualTo("abcdef");
        assertThat(RecordText.markdown("  one\r\n\n  two\u2028three\t ")).isEqualTo("one two three");
    }

    @Test
    void longTextIsCut() {
        assertThat(RecordText.markdown("x".repeat(100_000)))
                .hasSize(RecordText.MAX_TEXT + 1)
                .endsWith("…");
        assertThat(RecordText.composed("**An allergy** " + "<".repeat(10)))
                .isEqualTo("**An allergy** " + "&lt;".repeat(10));
    }

    @Test
    void evidenceLinesQuoteRecordStringsEscapedWithAReferenceThatCannotBreakOut() {
        Condition condition = new Condition();
        condition.setId("x`y");
        condition
                .getCode()
                .setText("<b>Pregnant</b>")
                .addCoding()
                .setSystem("[s](javascript:1)")
                .setCode("`c`");
        Observation observation = new Observation();
        observation.setId("o1");
        observation.getCode().setText("hCG");
        observation.setValue(new StringType("![p](https://evil.example/p.png)"));
        Observation quantity = new Observation();
        quantity.setId("o2");
        quantity.setValue(new Quantity().setValue(3).setUnit("<script>"));

        assertThat(evidence.line(condition, TODAY))
                .isEqualTo("- &lt;b&gt;Pregnant&lt;/b&gt; [\\[s\\](javascript:1) \\`c\\`], status not recorded"
                        + " (Condition/x\\`y)");
        assertThat(evidence.line(observation, TODAY))
                .isEqualTo("- hCG, value \\!\\[p\\](https:\u200B//evil.example/p.png) (`Observation/o1`)");
        assertThat(evidence.line(quantity, TODAY)).contains("value 3 &lt;script&gt;");
    }

    @Test
    void theEvidenceListStopsAtItsCapAndCountsTheRest() {
        List<Resource> found = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            Condition c = new Condition();
            c.setId("c" + i);
            c.getCode().setText("Pregnancy " + i + " " + "x".repeat(500));
            found.add(c);
        }
        String lines = evidence.lines(found, TODAY);
        assertThat(lines.lines()).hasSize(RecordText.MAX_LINES + 1);
        assertThat(lines).endsWith("- … and " + (30_000 - RecordText.MAX_LINES) + " more");
        assertThat(lines.length()).isLessThan(RecordText.MAX_LINES * (RecordText.MAX_LINE + 100));
    }
}
