package org.hsgcds.content;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stable fingerprint of everything one version of the content decides with: the CQL sources, the card
 * definitions, the service catalog, the value sets as they were expanded (so a terminology server's expansion
 * counts), the handouts and the site protocol's values after the site's override. Two replicas that load the same
 * content get the same version whatever their file paths, JVM or start time; any change to what decides gets
 * another. SHA-256, the first 16 hex digits.
 */
final class ContentVersion {

    private final MessageDigest digest;

    private ContentVersion() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String of(
            Map<String, String> cqlSources,
            String cardFile,
            String services,
            ValueSetIndex valueSets,
            Map<String, String> handouts,
            SiteProtocol protocol) {
        ContentVersion version = new ContentVersion();
        version.part("cql", new TreeMap<>(cqlSources));
        version.part("cards", Map.of("", cardFile));
        version.part("services", Map.of("", services));
        Map<String, String> expanded = new TreeMap<>();
        for (String url : valueSets.urls()) {
            ValueSetIndex.Members members = valueSets.members(url);
            expanded.put(
                    url,
                    String.join("\n", new java.util.TreeSet<>(members.systemAndCodes())) + "\n#"
                            + String.join(
                                    "\n",
                                    members.icd10cmPrefixes().stream().sorted().toList()));
        }
        version.part("valueSets", expanded);
        version.part("handouts", new TreeMap<>(handouts));
        Map<String, String> values = new TreeMap<>();
        protocol.values().forEach((key, value) -> values.put(key, String.valueOf(value)));
        version.part("protocol", values);
        return HexFormat.of().formatHex(version.digest.digest()).substring(0, 16);
    }

    /** Each name and text is length-prefixed, so no two different inputs run together into one. */
    private void part(String name, Map<String, String> entries) {
        text(name);
        digest.update(ByteBuffer.allocate(4).putInt(entries.size()).array());
        entries.forEach((key, value) -> {
            text(key);
            text(value);
        });
    }

    private void text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
