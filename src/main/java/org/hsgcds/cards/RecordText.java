package org.hsgcds.cards;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Text from a patient record, made safe to quote in a card. A Condition's text or a coding's display
 * can be typed into a patient portal or arrive in an interface message, and EHRs render card Markdown
 * (some with raw HTML): quoted as it is, it could become a link, an image, a heading or a script in the
 * clinician's order-entry screen. Every record string that enters a card goes through {@link #markdown}
 * (ARCHITECTURE.md, invariants; hazard H-14 in docs/clinical-safety.md), so it reads as the characters
 * it holds and nothing more.
 */
final class RecordText {

    /** The longest record string quoted in one place; the rest is cut and marked with "…". */
    static final int MAX_TEXT = 200;

    /** The longest text the rules compose that may quote the record. */
    static final int MAX_COMPOSED = 2_000;

    /** The longest evidence line (its facts; the reference comes after). */
    static final int MAX_LINE = 600;

    /** The most evidence lines one card lists; the rest are counted ("… and 12 more"). */
    static final int MAX_LINES = 20;

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /**
     * Characters escaped with a backslash: every character that can start or close Markdown structure
     * (emphasis, links, images, code, tables, strikethrough, headings). Parentheses are left alone: with
     * the brackets escaped they cannot make a link, and SNOMED CT displays end in "(finding)".
     */
    private static final String BACKSLASHED = "\\`*_[]{}#|~!";

    private RecordText() {}

    /**
     * The string as Markdown text that renders as exactly its characters: control, format and bidi
     * characters removed, whitespace collapsed, cut to {@link #MAX_TEXT}, Markdown punctuation escaped,
     * {@code < > &} as HTML entities (safe also where the Markdown is shown as HTML), and URLs and mail
     * addresses broken (a zero-width space, a full-width at sign) so that no renderer makes them links.
     */
    static String markdown(String raw) {
        return raw == null ? null : escape(cut(clean(raw), MAX_TEXT), BACKSLASHED);
    }

    /**
     * A text the rules composed, which may quote the record (the indeterminate hCG note quotes the
     * result's unit): its emphasis ({@code **}, {@code _}) is the content's and is kept; everything else
     * is escaped as in {@link #markdown}, so it holds no link, image, code, heading or HTML. Cut at
     * {@link #MAX_COMPOSED}.
     */
    static String composed(String raw) {
        return raw == null ? null : escape(cut(clean(raw), MAX_COMPOSED), "\\`[]{}#|~!");
    }

    private static String escape(String text, String backslashed) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int orderedMarker = orderedListMarker(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                // GFM renderers make "a@b.c" a mail link even with a zero-width space beside the "@";
                // the full-width at sign reads the same and links nothing
                case '@' -> out.append('\uFF20');
                default -> {
                    if (backslashed.indexOf(c) >= 0 || (i == 0 && "-+=".indexOf(c) >= 0) || i == orderedMarker) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
            // "https://x" and "www.x" are made links by GFM renderers even as plain text; a zero-width
            // space after the ":" of "://" and after "www" stops them.
            if ((c == ':' && text.startsWith("//", i + 1))
                    || (i >= 2 && text.regionMatches(true, i - 2, "www", 0, 3))) {
                out.append('\u200B');
            }
        }
        return out.toString();
    }

    /** A resource reference for a code span: `Type/id` when the id is a FHIR id, else escaped plain text. */
    static String reference(String type, String id) {
        if (id != null && FHIR_ID.matcher(id).matches()) {
            return "`" + type + "/" + id + "`";
        }
        return type + "/" + (id == null ? "?" : markdown(id));
    }

    /** At most {@link #MAX_LINES} lines, then one saying how many more there were. */
    static List<String> capped(List<String> lines) {
        if (lines.size() <= MAX_LINES) {
            return lines;
        }
        List<String> kept = new java.util.ArrayList<>(lines.subList(0, MAX_LINES));
        kept.add("- … and " + (lines.size() - MAX_LINES) + " more");
        return kept;
    }

    /** Cut to {@code max} characters with "…", never inside a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…";
    }

    /**
     * Without control characters (C0, C1, NUL), format characters (bidi embeddings, overrides and
     * isolates U+202A–202E and U+2066–2069, marks, zero-width characters, the BOM), unpaired surrogates
     * and private-use characters; any run of whitespace (newlines too) becomes one space.
     */
    static String clean(String raw) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_COMPOSED + 2));
        boolean space = false;
        for (int i = 0; i < raw.length() && out.length() <= MAX_COMPOSED; ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = !out.isEmpty();
                continue;
            }
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** Where "1." or "1)" at the start would make an ordered list: the index of its "." or ")", else -1. */
    private static int orderedListMarker(String text) {
        int digits = 0;
        while (digits < text.length() && digits < 10 && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        return digits > 0 && digits < text.length() && (text.charAt(digits) == '.' || text.charAt(digits) == ')')
                ? digits
                : -1;
    }
}
