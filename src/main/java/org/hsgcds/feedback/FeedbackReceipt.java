package org.hsgcds.feedback;

import java.util.List;

/**
 * The answer to a feedback post, sent only after the valid items are committed. {@code duplicates}
 * were already stored (same card, outcome and timestamp); {@code rejected} items broke a CDS Hooks
 * rule and were not stored ({@code items} says which and why); {@code unknownCards} are card uuids
 * this service did not issue: their feedback is stored but flagged.
 */
record FeedbackReceipt(
        int received, int stored, int duplicates, int rejected, List<String> unknownCards, List<ItemResult> items) {

    static final String STORED = "stored";
    static final String DUPLICATE = "duplicate";
    static final String REJECTED = "rejected";

    FeedbackReceipt {
        unknownCards = List.copyOf(unknownCards);
        items = List.copyOf(items);
    }

    static FeedbackReceipt of(List<ItemResult> items, List<String> unknownCards) {
        return new FeedbackReceipt(
                items.size(),
                count(items, STORED),
                count(items, DUPLICATE),
                count(items, REJECTED),
                unknownCards,
                items);
    }

    private static int count(List<ItemResult> items, String result) {
        return (int) items.stream().filter(i -> result.equals(i.result())).count();
    }

    /** What became of the item at {@code index} in the posted array; {@code problem} names the field when rejected. */
    record ItemResult(int index, String result, String problem) {}
}
