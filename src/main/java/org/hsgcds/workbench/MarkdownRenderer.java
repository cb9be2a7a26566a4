package org.hsgcds.workbench;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Card detail Markdown as HTML that cannot run anything: raw HTML in the Markdown (from content, or
 * from record values quoted into it) is escaped as text before it is parsed, link targets other than http(s), mailto and
 * same-site paths are dropped, and images are shown as their alt text (the page loads nothing from
 * elsewhere). The page rebuilds the result from an element allow-list as a second line of defence.
 */
final class MarkdownRenderer {

    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto");

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new SafeLinks())
            .nodeRendererFactory(AltTextForImages::new)
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "noopener noreferrer");
                    // a title is the one attribute whose text comes from the Markdown: left out, so
                    // no attribute of the output holds anything the input wrote but a checked link
                    attributes.remove("title");
                }
            })
            .build();

    /** The longest detail rendered; a card's detail is a few kilobytes, so the rest is cut with a note. */
    static final int MAX_INPUT = 32 * 1024;

    /** The deepest nesting of quotes and lists rendered as structure; deeper Markdown is shown as text. */
    static final int MAX_DEPTH = 32;

    /**
     * The Markdown as HTML. Work is linear in the input: every {@code <} is turned into {@code &lt;} before
     * parsing, so the parser never scans for inline HTML or angle-bracket autolinks (that scan was
     * quadratic in the number of {@code <}), the input is cut at {@link #MAX_INPUT}, and a document nested
     * deeper than {@link #MAX_DEPTH} (50,000 block quotes overflowed the renderer's stack) is shown as text.
     */
    String render(String markdown) {
        if (markdown == null) {
            return "";
        }
        String input = markdown.length() > MAX_INPUT ? markdown.substring(0, MAX_INPUT) : markdown;
        Node document = parser.parse(input.replace("<", "&lt;"));
        String html = depth(document) > MAX_DEPTH ? asText(input) : renderer.render(document);
        return markdown.length() > MAX_INPUT
                ? html + "<p><em>(cut: the detail has " + markdown.length() + " characters)</em></p>\n"
                : html;
    }

    /** The deepest nesting in the tree, counted without recursion. */
    private static int depth(Node document) {
        int deepest = 0;
        java.util.ArrayDeque<Node> nodes = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
        nodes.push(document);
        depths.push(0);
        while (!nodes.isEmpty()) {
            Node node = nodes.pop();
            int depth = depths.pop();
            deepest = Math.max(deepest, depth);
            if (deepest > MAX_DEPTH) {
                return deepest;
            }
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                nodes.push(child);
                depths.push(depth + 1);
            }
        }
        return deepest;
    }

    private static String asText(String markdown) {
        return "<pre>" + markdown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</pre>\n";
    }

    /** Keeps http(s), mailto and paths on this site; anything else (javascript:, data:, vbscript:) becomes empty. */
    static final class SafeLinks implements UrlSanitizer {

        @Override
        public String sanitizeLinkUrl(String url) {
            String trimmed = url.strip();
            // "//host" and "/\host" (backslash) are other sites to a browser, not paths
            boolean path = trimmed.startsWith("/") && !trimmed.startsWith("//") && !trimmed.startsWith("/\\");
            if (path || trimmed.startsWith("#")) {
                return trimmed;
            }
            int colon = trimmed.indexOf(':');
            if (colon > 0 && SCHEMES.contains(trimmed.substring(0, colon).toLowerCase(Locale.ROOT))) {
                return trimmed;
            }
            return "";
        }

        @Override
        public String sanitizeImageUrl(String url) {
            return "";
        }
    }

    /** An image becomes its alt text: nothing is fetched, from anywhere. */
    private static final class AltTextForImages implements NodeRenderer {

        private final HtmlNodeRendererContext context;

        AltTextForImages(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            context.getWriter().tag("span", Map.of("class", "image-alt"));
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                context.render(child);
            }
            context.getWriter().tag("/span");
        }
    }
}
