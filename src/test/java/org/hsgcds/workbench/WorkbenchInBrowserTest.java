package org.hsgcds.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.hsgcds.testsupport.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The workbench in a real browser (headless Chromium, Debian's package, driven over the DevTools
 * protocol): it loads without console errors or CSP violations, every example shows its documented
 * cards, a suggestion shows the draft orders before and after, an override with a reason raises the
 * analytics count, it works from the keyboard alone, and axe-core finds no serious or critical
 * violation. Screenshots go to {@code target/workbench-screenshots/}; the round-trip times to
 * {@code target/workbench-screenshots/round-trip.txt}. Skipped only where no Chromium (or no axe-core
 * for the axe check) is installed and HSG_TEST_BROWSER_REQUIRED is not set; .ci/run installs both and
 * sets it. {@code -Dhsg.workbench.docs-screenshot=true} also copies the README's screenshot to docs/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.context.annotation.Import(org.hsgcds.testsupport.ExampleDayClock.class)
class WorkbenchInBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SHOTS = Path.of("target", "workbench-screenshots");
    private static final Path AXE =
            Path.of(System.getenv().getOrDefault("HSG_TEST_AXE", "target/axe/node_modules/axe-core/axe.min.js"));
    private static final boolean REQUIRED = Boolean.parseBoolean(System.getenv("HSG_TEST_BROWSER_REQUIRED"));

    private static Chromium browser;
    private static Path profile;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        Chromium.assumeInstalled();
        profile = Files.createTempDirectory("hsg-workbench-chromium").resolve("profile");
        browser = Chromium.start(profile, 1280, 900);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void openWorkbench() throws Exception {
        browser.open(url("/"));
        browser.waitFor("document.body.getAttribute('data-ready') === 'true'", WAIT);
        browser.clearProblems();
    }

    @Test
    void pageLoadsWithoutConsoleErrorsOrPolicyViolations() throws Exception {
        browser.open(url("/")); // again, with the problems of this load collected from its start
        browser.waitFor("document.body.getAttribute('data-ready') === 'true'", WAIT);
        browser.waitFor("document.getElementById('rules-topics').children.length > 0", WAIT);
        for (String view : List.of("overrides", "conformance", "rules", "try")) {
            browser.eval("document.getElementById('tab-" + view + "').click()");
            browser.waitFor("!document.getElementById('panel-" + view + "').hidden", WAIT);
            browser.screenshot(SHOTS.resolve("view-" + view + ".png"));
        }
        assertThat(browser.text("document.getElementById('mode-line').textContent"))
                .contains("Open mode");
        assertThat(browser.eval("document.querySelectorAll('#example option').length")
                        .asInt())
                .isGreaterThan(6);
        assertNoProblems();
        browser.screenshot(SHOTS.resolve("01-start.png"));
    }

    /** The check above would be worthless if violations went unseen: an injected inline script is blocked and reported. */
    @Test
    void policyBlocksInlineScriptAndTheViolationIsSeen() throws Exception {
        browser.eval(
                "(function () { var s = document.createElement('script'); s.textContent = 'window.__inlineRan = true;';"
                        + " document.body.appendChild(s); })()");
        browser.waitFor("window.__cspViolations.length > 0", WAIT);
        assertThat(browser.eval("window.__inlineRan === true").asBoolean()).isFalse();
        assertThat(browser.text("window.__cspViolations.join(' ')")).contains("script-src");
        browser.clearProblems();
        browser.eval("window.__cspViolations = []");
    }

    @ParameterizedTest(name = "{0} on {1} → {2}")
    @CsvSource({
        "order-sign-ready,     hsg-order-sign,   eligible preparation aftercare,  pregnancy contrast-allergy timing",
        "order-select-ready,   hsg-order-select, eligible preparation aftercare,  pregnancy contrast-allergy timing",
        "order-sign-pregnant,  hsg-order-sign,   pregnancy,                      eligible preparation",
        "order-sign-contrast,  hsg-order-sign,   contrast-allergy,               eligible preparation",
        "patient-ready,        hsg-order-sign,   eligible preparation aftercare,  pregnancy contrast-allergy timing",
        "patient-pregnant,     hsg-order-select, pregnancy,                      eligible preparation",
        "patient-contrast,     hsg-order-sign,   contrast-allergy,               eligible preparation",
        "patient-ready,        hsg-appointment-book, eligible preparation aftercare, pregnancy contrast-allergy timing",
        "appointment-book-outside-window, hsg-appointment-book, timing preparation aftercare, eligible menstruation",
    })
    void eachExampleShowsItsDocumentedCards(String example, String service, String present, String absent)
            throws Exception {
        runExample(example, service);
        List<String> topics = topics();
        assertThat(topics).contains(present.split(" "));
        assertThat(topics).doesNotContain(absent.split(" "));
        assertThat(
                        browser.text(
                                "document.querySelector('#result-conformance .conformance-result').getAttribute('data-conforms')"))
                .isEqualTo("true");
        assertThat(browser.text("document.getElementById('request-json').textContent"))
                .contains("\"hook\"");
        assertThat(browser.text("document.getElementById('response-json').textContent"))
                .contains("\"cards\"");
        // every card shows its indicator as a word and an icon, not by colour alone
        JsonNode badges = browser.eval(
                "Array.from(document.querySelectorAll('#cards article')).map(a => {"
                        + " const b = a.querySelector('.badge'); return [a.dataset.indicator, b.textContent.trim(), !!b.querySelector('svg')]; })");
        for (JsonNode badge : badges) {
            assertThat(badge.get(1).asText()).isEqualToIgnoringCase(badge.get(0).asText());
            assertThat(badge.get(2).asBoolean()).isTrue();
        }
        assertNoProblems();
        browser.screenshot(SHOTS.resolve("example-" + example + ".png"));
    }

    /** Record text quoted into a card (here a condition's display) reaches the page as text, never as markup. */
    @Test
    void hostileTextInTheRecordIsShownAsText() throws Exception {
        String hostile = "Pregnant <img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
        String bundle = Files.readString(
                        Path.of("fhir-resources/examples/patient-pregnant.json"), StandardCharsets.UTF_8)
                .replace("\"display\": \"Pregnant\"", "\"display\": " + JSON.writeValueAsString(hostile));
        assertThat(bundle).contains("onerror");
        browser.eval("document.getElementById('source').value = " + Chromium.js(bundle));
        browser.eval("document.getElementById('service').value = 'hsg-order-sign'");
        browser.eval("document.getElementById('planned-date').value = '2026-12-03'");
        browser.eval("document.getElementById('send').click()");
        browser.waitFor("document.getElementById('result-summary').hasAttribute('data-round-trip-ms')", WAIT);
        assertThat(topics()).contains("pregnancy");
        assertThat(browser.text("document.getElementById('cards').textContent")).contains("<img src=x onerror=");
        assertThat(browser.eval("document.querySelectorAll('#cards img, #cards script, #cards [onerror]').length")
                        .asInt())
                .isZero();
        assertThat(browser.eval("typeof window.__xss").asText()).isEqualTo("undefined");
        assertNoProblems();
    }

    /**
     * The safe-detail module on its own, imported by the page's browser as the page imports it: hostile detail HTML
     * keeps its text, but no element beyond the allow-list, no attribute but a safe link's href (plus the rel and
     * target it adds) and nothing that runs or loads gets through; allowed markup passes unchanged.
     */
    @Test
    void theSafeDetailModuleLetsOnlyTheAllowListThrough() throws Exception {
        List<String> hostile = List.of(
                "<img src=x onerror=\"window.__xss=1\">image",
                "<script>window.__xss=2</script>script",
                "<a href=\"javascript:window.__xss=3\">js link</a>",
                "<a href=\" JaVaScRiPt:window.__xss=4\">mixed case</a>",
                "<a href=\"java&#x09;script:window.__xss=5\">entity</a>",
                "<a href=\"//evil.example/x\">protocol-relative</a>",
                "<a href=\"/\\evil.example\">backslash</a>",
                "<a href=\"data:text/html,<script>window.__xss=6</script>\">data</a>",
                "<a href=\"vbscript:msgbox(1)\">vbscript</a>",
                "<p onmouseover=\"window.__xss=7\" class=\"x\" id=\"y\" style=\"color:red\">attributes</p>",
                "<iframe src=\"https://evil.example\"></iframe><object data=x></object><embed src=x>"
                        + "<form action=\"https://evil.example\"><input name=a><button>go</button></form>",
                "<style>body{display:none}</style><link rel=stylesheet href=\"https://evil.example/x.css\">"
                        + "<base href=\"https://evil.example/\"><meta http-equiv=refresh content=\"0;url=https://evil.example\">",
                "<svg onload=\"window.__xss=8\"><a href=\"javascript:window.__xss=9\">svg link</a></svg>"
                        + "<math><mi xlink:href=\"javascript:window.__xss=10\">math</mi></math>",
                "<template><img src=x onerror=\"window.__xss=11\"></template><noscript><img src=x onerror=\"window.__xss=12\"></noscript>",
                "<p>a<!-- <img src=x onerror=\"window.__xss=13\"> --></p><details open ontoggle=\"window.__xss=14\">toggle</details>",
                "<a href=\"https://example.org/ok\" onclick=\"window.__xss=15\" style=\"color:red\" target=\"_self\">ok</a>");
        JsonNode result = browser.eval("import('/workbench/safe-detail.js').then(function (m) {"
                + " var holder = document.createElement('div'); holder.hidden = true; document.body.appendChild(holder);"
                + " var out = " + JSON.writeValueAsString(hostile) + ".map(function (html) {"
                + "   var fragment = m.detailFragment(html); holder.appendChild(fragment);"
                + "   var nodes = Array.from(fragment.querySelectorAll('*'));"
                + "   return { root: fragment.tagName + ' ' + Array.from(fragment.attributes).map(a => a.name + '=' + a.value).join(' '),"
                + "     tags: nodes.map(n => (n.namespaceURI === 'http://www.w3.org/1999/xhtml' ? '' : 'foreign:') + n.tagName.toLocaleLowerCase('en')),"
                + "     attributes: nodes.flatMap(n => Array.from(n.attributes).map(a => n.tagName.toLocaleLowerCase('en') + ' ' + a.name + '=' + a.value)),"
                + "     text: fragment.textContent, html: fragment.innerHTML }; });"
                + " return new Promise(function (done) { setTimeout(function () { holder.remove();"
                + "   done({ out: out, xss: typeof window.__xss }); }, 300); }); })");
        Set<String> allowedTags =
                Set.of("p", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote", "br", "hr", "a", "span");
        Pattern safeHref = Pattern.compile("^(https?://|mailto:|/(?![/\\\\])).*", Pattern.CASE_INSENSITIVE);
        JsonNode out = result.get("out");
        assertThat(out.size()).isEqualTo(hostile.size());
        for (int i = 0; i < hostile.size(); i++) {
            JsonNode one = out.get(i);
            String input = hostile.get(i);
            assertThat(one.get("root").asText()).as(input).isEqualTo("DIV class=card-detail");
            one.get("tags").forEach(tag -> assertThat(allowedTags).as(input).contains(tag.asText()));
            for (JsonNode attribute : one.get("attributes")) {
                String text = attribute.asText();
                assertThat(text).as(input).matches("a (href|rel|target)=.*");
                if (text.startsWith("a href=")) {
                    assertThat(text.substring("a href=".length())).as(input).matches(safeHref);
                }
            }
            assertThat(one.get("html").asText())
                    .as(input)
                    .doesNotContainIgnoringCase("javascript:")
                    .doesNotContainIgnoringCase("onerror")
                    .doesNotContainIgnoringCase("<img")
                    .doesNotContainIgnoringCase("<script");
        }
        // text is kept; links that are not safe lose their href, safe ones open apart
        assertThat(out.get(0).get("text").asText()).isEqualTo("image");
        assertThat(out.get(1).get("text").asText()).contains("script");
        for (int i = 2; i <= 8; i++) {
            assertThat(out.get(i).get("html").asText()).as(hostile.get(i)).startsWith("<a>");
        }
        assertThat(out.get(9).get("html").asText()).isEqualTo("<p>attributes</p>");
        assertThat(out.get(15).get("html").asText())
                .isEqualTo("<a href=\"https://example.org/ok\" rel=\"noopener noreferrer\" target=\"_blank\">ok</a>");
        assertThat(result.get("xss").asText()).as("nothing ran").isEqualTo("undefined");
        // parsing the hostile HTML (in DOMParser's inert document) makes the browser refuse its inline handlers,
        // styles and <base> under the page's policy, and say so: refusals are all that may be logged
        assertThat(browser.problems())
                .as("only refusals by the page's policy while the hostile HTML is parsed")
                .allMatch(problem -> problem.contains("violates the following Content Security Policy directive")
                        && problem.contains("blocked"));
        browser.clearProblems();
        browser.eval("window.__cspViolations = []");
        // allowed markup passes unchanged; a heading becomes a bold paragraph
        JsonNode allowed = browser.eval("import('/workbench/safe-detail.js').then(m => ["
                + "m.detailFragment('<p><strong>b</strong> <em>i</em> <code>c</code><br><span>s</span></p><ul><li>one</li></ul>"
                + "<ol><li>two</li></ol><pre>pre</pre><blockquote>q</blockquote><hr>').innerHTML,"
                + "m.detailFragment('<h2>Before the test</h2>').innerHTML,"
                + "m.detailFragment('<a href=\"mailto:clinic@example.org\">mail</a> <a href=\"/handouts/hsg\">local</a>').innerHTML,"
                + "m.detailFragment('').outerHTML])");
        assertThat(allowed.get(0).asText())
                .isEqualTo("<p><strong>b</strong> <em>i</em> <code>c</code><br><span>s</span></p><ul><li>one</li></ul>"
                        + "<ol><li>two</li></ol><pre>pre</pre><blockquote>q</blockquote><hr>");
        assertThat(allowed.get(1).asText()).isEqualTo("<p><strong>Before the test</strong></p>");
        assertThat(allowed.get(2).asText())
                .isEqualTo(
                        "<a href=\"mailto:clinic@example.org\" rel=\"noopener noreferrer\" target=\"_blank\">mail</a>"
                                + " <a href=\"/handouts/hsg\" rel=\"noopener noreferrer\" target=\"_blank\">local</a>");
        assertThat(allowed.get(3).asText()).isEqualTo("<div class=\"card-detail\"></div>");
        assertNoProblems();
    }

    @Test
    void choosingASuggestionShowsTheDraftOrdersBeforeAndAfter() throws Exception {
        runExample("order-sign-contrast", "hsg-order-sign");
        browser.eval("Array.from(document.querySelectorAll('#cards button.suggestion'))"
                + ".find(b => b.textContent.startsWith('Order HyCoSy instead of HSG')).click()");
        browser.waitFor("!document.getElementById('order-change').hidden", WAIT);
        String before = browser.text("document.getElementById('orders-before').textContent");
        String after = browser.text("document.getElementById('orders-after').textContent");
        assertThat(before).contains("Removed: ServiceRequest", "168884001", "ServiceRequest/hsg-1");
        assertThat(after)
                .contains("New: ServiceRequest")
                .doesNotContain("ServiceRequest/hsg-1")
                .containsIgnoringCase("hycosy");
        browser.waitFor(
                "document.querySelector('article[data-topic=\"contrast-allergy\"] .card-outcome').textContent.startsWith('Accepted')",
                WAIT);
        assertNoProblems();
        browser.screenshot(SHOTS.resolve("suggestion-before-after.png"));
        if (Boolean.getBoolean("hsg.workbench.docs-screenshot")) {
            Files.createDirectories(Path.of("docs"));
            Files.copy(
                    SHOTS.resolve("suggestion-before-after.png"),
                    Path.of("docs", "workbench.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void choosingAnAppointmentSuggestionShowsTheAppointmentMoved() throws Exception {
        runExample("appointment-book-outside-window", "hsg-appointment-book");
        browser.eval(
                "Array.from(document.querySelectorAll('article[data-topic=\"timing\"] button.suggestion'))[0].click()");
        browser.waitFor("!document.getElementById('order-change').hidden", WAIT);
        String before = browser.text("document.getElementById('orders-before').textContent");
        String after = browser.text("document.getElementById('orders-after').textContent");
        assertThat(before)
                .contains(
                        "Appointment",
                        "168884001",
                        "from 10 Dec 2026, 09:00 +01:00 to 09:45 +01:00",
                        "Appointment/hsg-appt-1")
                .as("dates for people, as on the cards")
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
        assertThat(after)
                .contains("Changed: Appointment", "Appointment/hsg-appt-1")
                .doesNotContain("10 Dec 2026, 09:00")
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
        assertNoProblems();
    }

    @Test
    void overridingACardWithAReasonRaisesTheAnalyticsCount() throws Exception {
        long before = overriddenCount("pregnancy");
        browser.eval("document.getElementById('tab-try').click()");
        runExample("order-sign-pregnant", "hsg-order-sign");
        browser.eval("document.querySelector('article[data-topic=\"pregnancy\"] button.override').click()");
        browser.waitFor("document.getElementById('override-dialog').open", WAIT);
        assertThat(browser.eval("document.activeElement.id").asText()).isEqualTo("override-reason");
        assertThat(browser.eval("document.querySelectorAll('#override-reason option').length")
                        .asInt())
                .isGreaterThan(0);
        String reason = browser.text("document.getElementById('override-reason').selectedOptions[0].textContent");
        browser.eval(
                "document.getElementById('override-comment').value = 'Test: pregnancy ruled out by ultrasound today'");
        browser.eval("document.getElementById('override-send').click()");
        browser.waitFor(
                "document.querySelector('article[data-topic=\"pregnancy\"] .card-outcome').textContent.startsWith('Overridden')",
                WAIT);
        assertThat(browser.text(
                        "document.querySelector('article[data-topic=\"pregnancy\"] .card-outcome').textContent"))
                .contains(reason);
        assertThat(overriddenCount("pregnancy")).isEqualTo(before + 1);
        assertThat(browser.text("document.querySelector('#overrides-rows tr[data-topic=\"pregnancy\"]').textContent"))
                .contains(reason);
        assertThat(browser.eval("document.querySelectorAll('#overrides-chart svg rect.bar').length")
                        .asInt())
                .isGreaterThan(0);
        assertNoProblems();
        browser.screenshot(SHOTS.resolve("overrides.png"));
    }

    @Test
    void worksFromTheKeyboardAlone() throws Exception {
        // the first Tab reaches the skip link, then the selected tab; arrows move between tabs
        tabUntil("tab-try", 5);
        browser.press("ArrowRight");
        assertThat(browser.text("document.activeElement.id")).isEqualTo("tab-overrides");
        assertThat(browser.eval("document.getElementById('panel-overrides').hidden")
                        .asBoolean())
                .isFalse();
        browser.press("ArrowLeft");
        assertThat(browser.text("document.activeElement.id")).isEqualTo("tab-try");
        // choose an example with the arrow keys, send with Enter
        tabUntil("example", 10);
        for (int i = 0;
                i < 12 && !"order-sign-pregnant".equals(browser.text("document.getElementById('example').value"));
                i++) {
            browser.press("ArrowDown");
        }
        assertThat(browser.text("document.getElementById('example').value")).isEqualTo("order-sign-pregnant");
        browser.waitFor("document.getElementById('source').value.includes('example-pregnant')", WAIT);
        tabUntil("send", 10);
        browser.press("Enter");
        browser.waitFor("document.querySelectorAll('#cards article').length > 0", WAIT);
        assertThat(topics()).contains("pregnancy");
        // reach the card's override button, open the dialog with Enter, leave it with Escape
        tabUntilMatches("document.activeElement.classList.contains('override')", 20);
        browser.press("Enter");
        browser.waitFor("document.getElementById('override-dialog').open", WAIT);
        assertThat(browser.text("document.activeElement.id")).isEqualTo("override-reason");
        browser.press("Escape");
        browser.waitFor("!document.getElementById('override-dialog').open", WAIT);
        assertThat(browser.eval("document.activeElement.classList.contains('override')")
                        .asBoolean())
                .isTrue();
        // every control has a label (its accessible name is not empty)
        JsonNode unnamed = browser.eval(
                "Array.from(document.querySelectorAll('input, select, textarea, button'))"
                        + ".filter(e => !e.labels?.length && !e.getAttribute('aria-label') && !e.textContent.trim()).map(e => e.id || e.outerHTML)");
        assertThat(unnamed).as("controls without a label").isEmpty();
        assertNoProblems();
    }

    /** A send that fails leaves no card of the previous patient on screen, says why, and focuses the result. */
    @Test
    void aFailedSendClearsThePreviousPatientsCards() throws Exception {
        runExample("order-sign-pregnant", "hsg-order-sign");
        assertThat(topics()).contains("pregnancy");
        // a Bundle without a Patient: the request cannot be built (400 from /workbench/api/request)
        browser.eval(
                "document.getElementById('source').value = '{\"resourceType\": \"Bundle\", \"type\": \"collection\"}'");
        browser.eval("document.getElementById('send').click()");
        browser.waitFor("document.getElementById('try-status').classList.contains('error')", WAIT);
        assertThat(browser.eval("document.querySelectorAll('#cards article').length")
                        .asInt())
                .as("the previous patient's cards are gone")
                .isZero();
        assertThat(browser.text("document.getElementById('result').getAttribute('data-failed')"))
                .isEqualTo("true");
        assertThat(browser.text("document.getElementById('cards').textContent")).startsWith("No cards: ");
        assertThat(browser.text("document.getElementById('result-conformance').textContent"))
                .isEmpty();
        assertThat(browser.text("document.activeElement.id")).isEqualTo("result-heading");
        // again after cards, with JSON that does not parse: nothing is sent, and nothing stale stays either
        runExample("order-sign-contrast", "hsg-order-sign");
        assertThat(topics()).contains("contrast-allergy");
        browser.eval("document.getElementById('source').value = '{ not json'");
        browser.eval("document.getElementById('send').click()");
        browser.waitFor("document.getElementById('try-status').classList.contains('error')", WAIT);
        assertThat(browser.eval("document.querySelectorAll('#cards article').length")
                        .asInt())
                .isZero();
        assertThat(browser.text("document.getElementById('response-json').textContent"))
                .isEmpty();
        assertThat(browser.problems())
                .as("only the refused request itself is logged")
                .allMatch(problem -> problem.contains("status of 400"));
        browser.clearProblems();
        assertThat(browser.eval("window.__cspViolations").size()).isZero();
    }

    /** At 800 px the form and the cards stack; after a send the page scrolls to the cards and focuses them. */
    @Test
    void theNarrowLayoutScrollsToTheCards() throws Exception {
        browser.send(
                "Emulation.setDeviceMetricsOverride",
                JSON.createObjectNode()
                        .put("width", 800)
                        .put("height", 700)
                        .put("deviceScaleFactor", 1)
                        .put("mobile", false));
        try {
            browser.open(url("/"));
            browser.waitFor("document.body.getAttribute('data-ready') === 'true'", WAIT);
            assertThat(browser.eval("window.innerWidth").asInt()).isEqualTo(800);
            assertThat(browser.eval(
                                    "document.getElementById('result-placeholder').getBoundingClientRect().top > window.innerHeight")
                            .asBoolean())
                    .as("at this width the results start below the fold")
                    .isTrue();
            runExample("patient-contrast", "hsg-order-sign");
            browser.waitFor("document.activeElement && document.activeElement.id === 'result-heading'", WAIT);
            browser.waitFor(
                    "(function () { const r = document.querySelector('#cards article').getBoundingClientRect();"
                            + " return r.top >= 0 && r.top < window.innerHeight; })()",
                    WAIT);
            assertThat(browser.eval("window.scrollY").asDouble()).isPositive();
            assertNoProblems();
            browser.screenshot(SHOTS.resolve("narrow-800.png"));
        } finally {
            browser.send("Emulation.clearDeviceMetricsOverride", JSON.createObjectNode());
        }
    }

    /**
     * A patient with an order without a date: scheduling advice instead of an all-clear, no "Override…" on the
     * info cards (checklists and advice ask for nothing to override) while warnings and critical cards keep it,
     * no template placeholder and no ISO date in what the nurse reads.
     */
    @Test
    void anUndatedOrderReadsNaturallyAndInfoCardsOfferNoOverride() throws Exception {
        browser.eval("document.getElementById('tab-try').click()");
        browser.eval("(function () { const s = document.getElementById('example'); s.value = 'patient-ready';"
                + " s.dispatchEvent(new Event('change')); })()");
        browser.waitFor("document.getElementById('try-status').textContent === 'Loaded patient-ready.'", WAIT);
        browser.eval("document.getElementById('planned-date').value = ''");
        browser.eval("document.getElementById('service').value = 'hsg-order-sign'");
        browser.eval("document.getElementById('send').click()");
        browser.waitFor("document.getElementById('result-summary').hasAttribute('data-round-trip-ms')", WAIT);
        List<String> topics = topics();
        assertThat(topics).contains("timing").doesNotContain("eligible");
        JsonNode cards = browser.eval("Array.from(document.querySelectorAll('#cards article')).map(a => ["
                + " a.dataset.indicator, !!a.querySelector('button.override'),"
                + " a.querySelector('.card-summary').textContent, a.textContent])");
        assertThat(cards).isNotEmpty();
        for (JsonNode card : cards) {
            assertThat(card.get(1).asBoolean())
                    .as(
                            "Override… on the %s card '%s'",
                            card.get(0).asText(), card.get(2).asText())
                    .isEqualTo(!"info".equals(card.get(0).asText()));
            assertThat(card.get(2).asText()).doesNotContain("{{").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
            assertThat(card.get(3).asText()).doesNotContain("{{");
        }
        assertThat(browser.eval(
                                "(function () { const o = JSON.parse(document.getElementById('request-json').textContent)"
                                        + ".context.draftOrders.entry[0].resource; return !o.occurrenceDateTime && !o.occurrencePeriod; })()")
                        .asBoolean())
                .as("the draft order has no date")
                .isTrue();
        assertNoProblems();
        browser.screenshot(SHOTS.resolve("undated-order.png"));
    }

    /** The Rules view shows protocol values and human dates; the Conformance view keeps the specification and the house rules apart. */
    @Test
    void rulesShowProtocolValuesAndConformanceSeparatesHouseRules() throws Exception {
        browser.eval("document.getElementById('tab-rules').click()");
        browser.waitFor("document.getElementById('rules-topics').children.length > 0", WAIT);
        String topicsText = browser.text("document.getElementById('rules-topics').textContent");
        assertThat(topicsText).doesNotContain("{{");
        assertThat(browser.text("document.getElementById('rules-protocol').textContent"))
                .contains("clinicContact");
        assertThat(browser.text("document.getElementById('rules-version').textContent"))
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
        browser.eval("document.getElementById('tab-conformance').click()");
        browser.eval(
                "document.getElementById('conformance-input').value = "
                        + Chromium.js(
                                "{\"cards\":[{\"summary\":\"Consider a statin\",\"indicator\":\"info\",\"source\":{\"label\":\"Other\"}}]}"));
        browser.eval("document.getElementById('conformance-check').click()");
        browser.waitFor("document.getElementById('conformance-log').children.length > 0", WAIT);
        assertThat(browser.text("document.getElementById('conformance-status').textContent"))
                .contains("conforms to CDS Hooks 2.0", "house rules");
        assertThat(browser.text(
                        "document.querySelector('#conformance-log .conformance-result').getAttribute('data-conforms')"))
                .isEqualTo("true");
        assertThat(browser.text("document.querySelector('#conformance-log .house-result').getAttribute('data-kept')"))
                .isEqualTo("false");
        assertThat(browser.eval("document.querySelectorAll('#checks li').length")
                        .asInt())
                .isPositive();
        assertThat(browser.eval("document.querySelectorAll('#house-checks li').length")
                        .asInt())
                .isPositive();
        assertNoProblems();
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolations() throws Exception {
        if (REQUIRED) {
            assertThat(Files.isReadable(AXE))
                    .as("axe-core is required at " + AXE + " (.ci/run installs it from npm)")
                    .isTrue();
        }
        assumeTrue(
                Files.isReadable(AXE),
                "No axe-core at " + AXE + ": npm install --prefix target/axe axe-core to run this check");
        String axe = Files.readString(AXE, StandardCharsets.UTF_8);
        runExample("order-sign-contrast", "hsg-order-sign");
        browser.eval("Array.from(document.querySelectorAll('#cards button.suggestion'))"
                + ".find(b => b.textContent.startsWith('Order HyCoSy instead of HSG')).click()");
        browser.waitFor("!document.getElementById('order-change').hidden", WAIT);
        List<String> found = new ArrayList<>();
        found.addAll(axe(axe, "try it with cards and a suggestion chosen"));
        for (String view : List.of("overrides", "conformance", "rules")) {
            browser.eval("document.getElementById('tab-" + view + "').click()");
            browser.waitFor("!document.getElementById('panel-" + view + "').hidden", WAIT);
            if ("overrides".equals(view)) {
                browser.waitFor("document.getElementById('overrides-table').hasAttribute('data-loaded')", WAIT);
            }
            found.addAll(axe(axe, view));
        }
        runExample("order-sign-pregnant", "hsg-order-sign");
        browser.eval("document.querySelector('#cards article button.override').click()");
        browser.waitFor("document.getElementById('override-dialog').open", WAIT);
        found.addAll(axe(axe, "override dialog"));
        browser.press("Escape");
        assertThat(found).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void measuresTheTryItRoundTrip() throws Exception {
        runExample("order-sign-ready", "hsg-order-sign"); // warm-up
        int runs = 15;
        double[] page = new double[runs];
        double[] wall = new double[runs];
        for (int i = 0; i < runs; i++) {
            browser.eval("document.getElementById('result-summary').removeAttribute('data-round-trip-ms')");
            long started = System.nanoTime();
            browser.eval("new Promise(resolve => { document.getElementById('send').click();"
                    + " const check = () => document.getElementById('result-summary').hasAttribute('data-round-trip-ms')"
                    + " ? resolve(true) : requestAnimationFrame(check); check(); })");
            wall[i] = (System.nanoTime() - started) / 1e6;
            page[i] = Double.parseDouble(
                    browser.text("document.getElementById('result-summary').getAttribute('data-round-trip-ms')"));
        }
        Arrays.sort(page);
        Arrays.sort(wall);
        String report = String.format(
                Locale.ROOT,
                "Try-it round trip, order-sign-ready, %d runs after one warm-up:%n"
                        + "  in the page (Send → request built → hook answered → cards rendered and checked): median %.1f ms, max %.1f ms%n"
                        + "  seen from the test (click → cards on screen, DevTools round trip included): median %.1f ms, max %.1f ms%n",
                runs,
                page[runs / 2],
                page[runs - 1],
                wall[runs / 2],
                wall[runs - 1]);
        Files.createDirectories(SHOTS);
        Files.writeString(SHOTS.resolve("round-trip.txt"), report);
        System.out.print(report);
        assertThat(page[runs / 2]).as("median round trip in ms").isLessThan(5_000);
        assertNoProblems();
    }

    private List<String> axe(String source, String where) throws Exception {
        if (browser.eval("typeof window.axe").asText().equals("undefined")) {
            browser.eval(source + "\n;true");
        }
        JsonNode violations = browser.eval(
                "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations"
                        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', ')))");
        List<String> found = new ArrayList<>();
        violations.forEach(v -> found.add(where + ": " + v.asText()));
        return found;
    }

    private void runExample(String example, String service) throws Exception {
        browser.eval("document.getElementById('tab-try').click()");
        browser.eval("(function () { const s = document.getElementById('example'); s.value = " + Chromium.js(example)
                + ";" + " s.dispatchEvent(new Event('change')); })()");
        browser.waitFor(
                "document.getElementById('try-status').textContent === " + Chromium.js("Loaded " + example + "."),
                WAIT);
        browser.eval("document.getElementById('service').value = " + Chromium.js(service));
        browser.eval("document.getElementById('result-summary').removeAttribute('data-round-trip-ms')");
        browser.eval("document.getElementById('send').click()");
        browser.waitFor(
                "document.getElementById('result-summary').hasAttribute('data-round-trip-ms')"
                        + " || document.getElementById('try-status').classList.contains('error')",
                WAIT);
        assertThat(browser.eval("document.getElementById('try-status').classList.contains('error')")
                        .asBoolean())
                .as(browser.text("document.getElementById('try-status').textContent"))
                .isFalse();
    }

    private List<String> topics() throws Exception {
        List<String> topics = new ArrayList<>();
        browser.eval("Array.from(document.querySelectorAll('#cards article')).map(a => a.dataset.topic)")
                .forEach(t -> topics.add(t.asText()));
        return topics;
    }

    private long overriddenCount(String topic) throws Exception {
        browser.eval("document.getElementById('overrides-table').removeAttribute('data-loaded')");
        browser.eval("document.getElementById('tab-overrides').click()");
        browser.waitFor("document.getElementById('overrides-table').hasAttribute('data-loaded')", WAIT);
        JsonNode count = browser.eval("(document.querySelector('#overrides-rows tr[data-topic=" + Chromium.js(topic)
                + "]')" + " || { dataset: { overridden: '0' } }).dataset.overridden");
        return Long.parseLong(count.asText());
    }

    private void tabUntil(String id, int max) throws Exception {
        tabUntilMatches("document.activeElement && document.activeElement.id === " + Chromium.js(id), max);
    }

    private void tabUntilMatches(String condition, int max) throws Exception {
        for (int i = 0; i < max; i++) {
            if (browser.eval("!!(" + condition + ")").asBoolean()) {
                return;
            }
            browser.press("Tab");
        }
        assertThat(browser.eval("!!(" + condition + ")").asBoolean())
                .as("reached by Tab within " + max + " presses: " + condition + " (focus is on "
                        + browser.text("document.activeElement.outerHTML.slice(0, 120)") + ")")
                .isTrue();
    }

    private void assertNoProblems() throws Exception {
        assertThat(browser.problems())
                .as("console errors, exceptions and log errors")
                .isEmpty();
        assertThat(browser.eval("window.__cspViolations").size())
                .as("CSP violations: " + browser.eval("window.__cspViolations"))
                .isZero();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
