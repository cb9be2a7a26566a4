package org.hsgcds.feedback;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Override analytics over cards issued from {@code from} to {@code to} (whole UTC days, inclusive).
 * {@code overrideRate} is overridden ÷ issued, three decimals. {@code feedbackForUnknownCards} counts
 * feedback items in the range whose card this service has no record of issuing. Only the override reasons
 * the topic's cards offer count in {@code topOverrideReasons}; a reason they never offered (a client's own
 * code, or a forged one) is stored but listed apart in {@code unofferedReasons}, so it cannot top the
 * report. Each card counts once per reason however often its feedback is posted.
 */
record OverrideReport(LocalDate from, LocalDate to, List<TopicRow> topics, long feedbackForUnknownCards) {

    OverrideReport {
        topics = List.copyOf(topics);
    }

    record TopicRow(
            String topic,
            long issued,
            long accepted,
            long overridden,
            BigDecimal overrideRate,
            List<ReasonCount> topOverrideReasons,
            List<ReasonCount> unofferedReasons) {

        TopicRow {
            topOverrideReasons = List.copyOf(topOverrideReasons);
            unofferedReasons = List.copyOf(unofferedReasons);
        }
    }

    record ReasonCount(String system, String code, String display, long count) {}
}
