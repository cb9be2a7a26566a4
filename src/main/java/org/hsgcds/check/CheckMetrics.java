package org.hsgcds.check;

import java.time.Duration;
import org.hsgcds.cards.CardFaults;

/** What the order check reports for monitoring: evaluation times and faults ({@link CardFaults} lists the stages). */
public interface CheckMetrics extends CardFaults {

    CheckMetrics NONE = new CheckMetrics() {};

    /** One evaluation of the rule library for one order or appointment. */
    default void evaluation(Duration took) {}

    @Override
    default void fault(String stage) {}
}
