package org.hsgcds.feedback;

import java.util.List;

/**
 * The answer to a feedback post, sent only after the items are committed. {@code duplicates} were
 * already stored (same card, outcome and timestamp); {@code unknownCards} are card uuids this service
 * did not issue: their feedback is stored but flagged.
 */
record FeedbackReceipt(int received, int stored, int duplicates, List<String> unknownCards) {

    FeedbackReceipt {
        unknownCards = List.copyOf(unknownCards);
    }
}
