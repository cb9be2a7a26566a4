package org.hsgcds.cards;

/**
 * Where building a card failed after the rules were evaluated. The card is kept without the part
 * that failed; this only reports it (the Micrometer binding lives in {@code operations}). Stages are
 * a fixed set: {@code evidence}, {@code suggestion}, {@code text}, and {@code evaluation} for rules
 * that could not be evaluated at all.
 */
public interface CardFaults {

    CardFaults NONE = stage -> {};

    void fault(String stage);
}
