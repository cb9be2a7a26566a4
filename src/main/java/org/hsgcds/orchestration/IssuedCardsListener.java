package org.hsgcds.orchestration;

import java.util.List;
import org.hsgcds.cdshooks.Card;

/**
 * Told about the cards a hook call answered with, after they are built. Implementations must not
 * throw and must not delay the answer noticeably: a failure to record cards never fails a hook call.
 */
@FunctionalInterface
public interface IssuedCardsListener {

    IssuedCardsListener NONE = (serviceId, hookInstance, cards) -> {};

    void issued(String serviceId, String hookInstance, List<Card> cards);
}
