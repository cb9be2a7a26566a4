package org.hsgcds.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Card detail Markdown becomes HTML that can run nothing, whatever content or record values put in it. */
class MarkdownRendererTest {

    private final MarkdownRenderer markdown = new MarkdownRenderer();

    @Test
    void rendersTheMarkdownCardsUse() {
        String html = markdown.render(
                "**Why:** contrast.\n\n- one (`Observation/x`)\n- two\n\n[Guide](/handouts/hsg-patient-guide.html)");
        assertThat(html)
                .contains(
                        "<strong>Why:</strong>",
                        "<li>one (<code>Observation/x</code>)</li>",
                        "href=\"/handouts/hsg-patient-guide.html\"",
                        "rel=\"noopener noreferrer\"",
                        ">Guide</a>");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert(1)</script>",
                "Note <img src=x onerror=alert(1)> here",
                "<iframe src=\"https://evil.example\"></iframe>",
                "<a href=\"javascript:alert(1)\">x</a>",
                "<div style=\"background:url(javascript:alert(1))\">x</div>",
            })
    void htmlInTheTextIsShownAsText(String hostile) {
        String html = markdown.render("Evidence: " + hostile);
        assertThat(html).doesNotContain("<script", "<img", "<iframe", "<a href=\"javascript", "<div");
        assertThat(html).contains("&lt;");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:alert(1)",
                "JavaScript:alert(1)",
                "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                "vbscript:msgbox(1)",
                "//evil.example/x",
                "/\\evil.example/x"
            })
    void linksToAnythingButHttpMailtoOrThisSiteLoseTheirTarget(String target) {
        String html = markdown.render("[click](" + target + ")");
        Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        int links = 0;
        while (hrefs.find()) {
            assertThat(hrefs.group(1)).as(html).isEmpty();
            links++;
        }
        assertThat(links).as(html).isEqualTo(1);
    }

    @Test
    void keepsWebAndMailLinks() {
        assertThat(markdown.render("[a](https://example.org/x) [b](mailto:clinic@example.org)"))
                .contains("href=\"https://example.org/x\"", "href=\"mailto:clinic@example.org\"");
    }

    @Test
    void imagesBecomeTheirAltTextAndLoadNothing() {
        String html = markdown.render("![a tracking pixel](https://evil.example/pixel.png)");
        assertThat(html).doesNotContain("<img", "evil.example").contains("a tracking pixel");
    }
}
