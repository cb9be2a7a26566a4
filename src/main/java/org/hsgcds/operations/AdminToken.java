package org.hsgcds.operations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The admin token ({@code hsg.admin.token}), compared in constant time: both sides are hashed first,
 * so neither the content nor the length of the configured token leaks through timing.
 */
final class AdminToken {

    private final byte[] expectedDigest;

    AdminToken(String configured) {
        this.expectedDigest = configured == null || configured.isBlank() ? null : sha256(configured);
    }

    boolean configured() {
        return expectedDigest != null;
    }

    boolean matches(String presented) {
        return expectedDigest != null && presented != null && MessageDigest.isEqual(expectedDigest, sha256(presented));
    }

    @Override
    public String toString() {
        return "AdminToken[<redacted>]";
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
