package org.hsgcds.security;

/** Makes caller-supplied values (token header fields, claims) safe to quote in a log line. */
final class LogText {

    private LogText() {}

    static String clip(String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "..." : printable;
    }
}
