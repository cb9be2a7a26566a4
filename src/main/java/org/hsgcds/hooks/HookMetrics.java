package org.hsgcds.hooks;

import java.time.Duration;
import org.hsgcds.cards.CardFaults;

/** What the hook edge reports for monitoring; the Micrometer binding lives in {@code operations}. */
public interface HookMetrics extends CardFaults {

    HookMetrics NONE = new HookMetrics() {
    };

    /** One hook call: the service id (or "unknown"), the HTTP status it was answered with and how long it took. */
    default void hookCall(String service, int status, Duration took) {
    }

    /** One evaluation of the rule library for one draft order. */
    default void evaluation(Duration took) {
    }

    default void cardIssued(String topic, String indicator) {
    }

    /** A card, or the rules behind it, met a fault; see {@link CardFaults} for the stages. */
    @Override
    default void fault(String stage) {
    }
}
