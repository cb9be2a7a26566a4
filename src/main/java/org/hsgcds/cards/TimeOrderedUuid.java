package org.hsgcds.cards;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562): the first 48 bits are milliseconds since the epoch, the rest random.
 * Card ids become the issued-card table's primary key; ids that grow with time are added at the end of
 * its index, where random version 4 ids each landed on some old page that had to be read back in.
 */
final class TimeOrderedUuid {

    private static final Random RANDOM = new SecureRandom();

    private TimeOrderedUuid() {}

    static String next() {
        return next(System.currentTimeMillis(), RANDOM).toString();
    }

    static UUID next(long epochMillis, Random random) {
        long mostSignificant = (epochMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
