package org.hsgcds.security;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;

/**
 * Markdown and HTML a record string might carry (typed into a patient portal, or in an interface
 * message), and a census of the structure a GFM renderer makes of a card's Markdown: the census of a
 * card built from a hostile record must equal the census of the same card built from a plain one.
 */
final class MarkupPayloads {

    static final List<String> PAYLOADS = List.of(
            "<img src=x onerror=alert(1)>",
            "<script>alert(1)</script>",
            "<svg onload=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<!-- hidden -->",
            "<div>block</div>",
            "[click](javascript:alert(1))",
            "[click](https://evil.example/login)",
            "[x](<javascript:alert(1)>)",
            "![pixel](https://evil.example/p.png)",
            "<https://evil.example>",
            "https://evil.example/x",
            "www.evil.example",
            "see evil@evil.example",
            "# Heading",
            "\n\n# Heading after a blank line",
            "\n- list item\n> quote",
            "1. ordered",
            "- dash",
            "> quote",
            "***",
            "`code` ``x``",
            "```\nfence\n```",
            "    indented code",
            "**bold** _em_ ~~strike~~",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "[ref][x]\n\n[x]: https://evil.example",
            "\\[escaped\\](javascript:x)",
            "&lt;script&gt; &#106;avascript:",
            "a\u202Eevil\u202C b\u2066iso\u2069 \u200Bzw",
            "nul\u0000bell\u0007 esc\u001B[31m",
            "line\r\nbreak\u2028sep",
            "<" + "x".repeat(2_000),
            "a".repeat(20_000));

    private static final Parser GFM = Parser.builder()
            .extensions(List.of(AutolinkExtension.create(), TablesExtension.create(), StrikethroughExtension.create()))
            .build();

    private MarkupPayloads() {}

    /** How many nodes of each kind (link, image, heading, HTML, code, list item, table...) the Markdown makes. */
    static Map<String, Integer> census(String markdown) {
        Map<String, Integer> counts = new TreeMap<>();
        if (markdown == null) {
            return counts;
        }
        GFM.parse(markdown).accept(new AbstractVisitor() {
            @Override
            protected void visitChildren(Node parent) {
                String kind = parent.getClass().getSimpleName();
                if (!"Text".equals(kind)
                        && !"Paragraph".equals(kind)
                        && !"Document".equals(kind)
                        && !"SoftLineBreak".equals(kind)) {
                    counts.merge(kind, 1, Integer::sum);
                }
                super.visitChildren(parent);
            }

            @Override
            public void visit(CustomNode node) {
                visitChildren(node);
            }

            @Override
            public void visit(CustomBlock node) {
                visitChildren(node);
            }
        });
        return counts;
    }
}
