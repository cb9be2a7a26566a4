package org.hsgcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedUuidTest {

    @Test
    void isVersion7WithTheTimeInItsFirst48Bits() {
        long millis = 1_796_000_000_123L;

        UUID id = TimeOrderedUuid.next(millis, new Random(1));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsText() {
        Random random = new Random(7);
        List<String> issued = new ArrayList<>();
        for (long millis = 1_796_000_000_000L; millis < 1_796_000_000_000L + 5_000; millis += 7) {
            issued.add(TimeOrderedUuid.next(millis, random).toString());
        }

        assertThat(issued).isSorted();
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        Random random = new Random(3);
        var ids = new HashSet<UUID>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedUuid.next(1_796_000_000_000L, random));
        }

        assertThat(ids).hasSize(10_000);
    }

    @Test
    void theServiceFormIsACanonicalUuid() {
        String id = TimeOrderedUuid.next();

        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }
}
