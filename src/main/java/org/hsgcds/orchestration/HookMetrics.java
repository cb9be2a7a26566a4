package org.hsgcds.orchestration;

import java.time.Duration;
import org.hsgcds.check.CheckMetrics;

/** What the hook edge reports for monitoring; the Micrometer binding lives in {@code operations}. */
public interface HookMetrics extends CheckMetrics {

    HookMetrics NONE = new HookMetrics() {};

    /** One hook call: the service id (or "unknown"), the HTTP status it was answered with and how long it took. */
    default void hookCall(String service, int status, Duration took) {}

    default void cardIssued(String topic, String indicator) {}
}
