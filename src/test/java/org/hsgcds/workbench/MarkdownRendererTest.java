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

    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9]+)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s([a-zA-Z-]+)=");
    private static final java.util.Set<String> TAGS = java.util.Set.of(
            "p",
            "ul",
            "ol",
            "li",
            "strong",
            "em",
            "code",
            "pre",
            "blockquote",
            "br",
            "hr",
            "a",
            "span",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6");
    private static final java.util.Set<String> ATTRIBUTES = java.util.Set.of("href", "rel", "class", "title", "start");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "![x](https://evil.example/p.png \"t\")",
                "[![x](https://evil.example/p.png)](https://example.org)",
                "![![inner](javascript:1)](x)",
                "<img src=x onerror=alert(1)>",
                "<IMG SRC=x>",
                "<svg><image href=x></svg>",
                "<<img src=x>img src=x>",
                "`<img src=x>`",
                "```html\n<img src=x>\n```",
                "    <img src=x>",
                "<https://evil.example/x.png>",
                "[a](https://example.org/\" onmouseover=\"alert(1))",
                "[a](https://example.org \"x\\\" src=\\\"y\")",
                "&lt;img src=x&gt;",
                "&#60;img src=x&#62;",
                "[x]: https://evil.example\n\n![x]",
            })
    void theOutputHoldsOnlyAllowListedElementsAndAttributes(String hostile) {
        String html = markdown.render("Evidence: " + hostile);
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            assertThat(TAGS).as(html).contains(tags.group(2).toLowerCase(java.util.Locale.ROOT));
            Matcher attributes = ATTRIBUTE.matcher(tags.group(3));
            while (attributes.find()) {
                assertThat(ATTRIBUTES).as(html).contains(attributes.group(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        assertThat(html).doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("src=\"");
    }

    @Test
    void fiftyThousandNestedQuotesAreShownAsTextNotAStackOverflow() {
        String nested = ">".repeat(50_000) + " deep";
        String html = markdown.render(nested);
        assertThat(html).startsWith("<pre>").doesNotContain("<blockquote>");
        assertThat(markdown.render("- ".repeat(20_000) + "x")).doesNotContain("<ul>");
    }

    @Test
    void aHugeDetailIsCutAndManyAngleBracketsParseAsText() {
        String html = markdown.render("<".repeat(200_000));
        assertThat(html).contains("(cut: the detail has 200000 characters)").doesNotContain("<<");
        assertThat(markdown.render("> quoted\n> > twice")).contains("<blockquote>");
    }
}
