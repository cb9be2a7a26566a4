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
 * from record values quoted into it) is escaped as text, link targets other than http(s), mailto and
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
                }
            })
            .build();

    String render(String markdown) {
        return markdown == null ? "" : renderer.render(parser.parse(markdown));
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
